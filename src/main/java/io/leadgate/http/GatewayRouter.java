package io.leadgate.http;

import io.leadgate.core.InvalidInput;
import io.leadgate.ops.Metrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The router every HTTP instance serves: request metrics (per route template), CORS on the browser-facing paths, the body limit,
 * a strict check of the query string, then each feature's routes, and one error handler for everything that fails.
 */
public final class GatewayRouter {
  /** Paths a browser on a customer's site calls cross-origin. */
  public static final List<String> BROWSER_PATHS = List.of("/e", "/p.gif", "/f/*", "/d/*");

  private GatewayRouter() {
  }

  public static Router create(Vertx vertx, Metrics metrics, int bodyLimit, Predicate<String> anySiteAllows,
                              List<Consumer<Router>> features) {
    return create(vertx, metrics, bodyLimit, Map.of(), anySiteAllows, features);
  }

  /**
   * @param largerBodies body limits above {@code bodyLimit} by path prefix ({@code /v1/}: a Segment batch may be
   *                     500 KB); the larger of the two applies
   */
  public static Router create(Vertx vertx, Metrics metrics, int bodyLimit, Map<String, Integer> largerBodies,
                              Predicate<String> anySiteAllows, List<Consumer<Router>> features) {
    Router router = Router.router(vertx);
    ErrorHandler errors = new ErrorHandler();
    RouteTemplates templates = new RouteTemplates();
    router.route().handler(ctx -> {
      long start = System.nanoTime();
      ctx.addEndHandler(v -> metrics.httpRequest(templates.of(ctx), ctx.request().method().name(),
          ctx.response().getStatusCode(), System.nanoTime() - start));
      ctx.next();
    });
    Cors cors = new Cors(anySiteAllows);
    BROWSER_PATHS.forEach(path -> router.route(path).handler(cors));
    router.route().handler(GatewayRouter::checkQuery);
    largerBodies.forEach((prefix, limit) ->
        router.route(prefix + "*").handler(new RequestBody(Math.max(bodyLimit, limit))));
    router.route().handler(new RequestBody(bodyLimit));
    features.forEach(feature -> feature.accept(router));
    templates.index(router);
    router.route().failureHandler(errors);
    // statuses Vert.x answers by itself (no route, no such method, a path it cannot decode) get the same body
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, errors.forStatus(status));
    }
    return router;
  }

  /** A query string that does not decode is refused before any route reads it, naming the parameter. */
  private static void checkQuery(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query != null && !query.isEmpty()) {
      try {
        FormEncoding.decode(query, "query string");
      } catch (InvalidInput e) {
        ctx.fail(e);
        return;
      }
    }
    ctx.next();
  }
}
