package io.leadgate.http;

import io.leadgate.ops.Metrics;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The route template a request was answered by ({@code /f/:form}, never {@code /f/ebook}): the label of the request
 * metrics, bounded by the routes the code declares. The route that answered is known when a route's own handler
 * ended the response; when the answer came from the error handler or a middleware (a refusal, a 413, a 404 of a
 * lead), the template is found again from the path among the router's routes.
 */
final class RouteTemplates {
  private final Set<String> exact = new HashSet<>();
  private final List<Template> patterns = new ArrayList<>();

  private record Template(Pattern pattern, String template) {
  }

  /** Reads the router's routes: call once every feature has mounted its own. */
  void index(Router router) {
    List<Template> prefixes = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      // Vert.x keeps the template of a route with parameters (and marks it a regex route); null: no path
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      if (path.contains(":")) {
        patterns.add(new Template(compile(path), path));
      } else if (!route.isExactPath()) {
        prefixes.add(new Template(Pattern.compile(Pattern.quote(path) + ".*"), path + "*"));
      } else {
        exact.add(path);
      }
    }
    // a declared route wins over a prefix in front of it (CORS on /f/*, the API key check on /api/*)
    patterns.addAll(prefixes);
  }

  String of(RoutingContext ctx) {
    Route current = ctx.currentRoute();
    String path = current == null ? null : current.getPath();
    if (path != null && current.isExactPath()) {
      return path;
    }
    String requested = ctx.normalizedPath();
    if (exact.contains(requested)) {
      return requested;
    }
    for (Template template : patterns) {
      if (template.pattern().matcher(requested).matches()) {
        return template.template();
      }
    }
    return Metrics.UNMATCHED;
  }

  /** {@code /f/:form} as {@code /f/[^/]+}; the rest literally. */
  private static Pattern compile(String template) {
    StringJoiner regex = new StringJoiner("/");
    for (String segment : template.split("/", -1)) {
      regex.add(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
    }
    return Pattern.compile(regex.toString());
  }
}
