package io.leadgate.console;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Feature;
import io.leadgate.core.Resources;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's pages at {@code /console}: the bundle built from {@code src/main/console} (by
 * {@code npm --prefix snippet run build}, committed under {@code resources/console}) and its {@code index.html}
 * for every client-side route, so that a reload or a shared link to {@code /console/leads/ID} works. The pages
 * read the {@code /api/*} routes, which check the session themselves; these files hold no data but the site list.
 */
public final class ConsoleFeature implements Feature {
  public static final String PATH = "/console";
  static final String RESOURCES = "console/";
  private final ConsoleAsset page;
  private final ConsoleAsset script;
  private final ConsoleAsset styles;

  public ConsoleFeature(Map<String, SiteConfig> sites) {
    String index = new String(Resources.read(RESOURCES + "index.html"), StandardCharsets.UTF_8);
    this.page = new ConsoleAsset("text/html; charset=utf-8",
        withSites(index, sites).getBytes(StandardCharsets.UTF_8));
    this.script = new ConsoleAsset("text/javascript; charset=utf-8", Resources.read(RESOURCES + "console.js"));
    this.styles = new ConsoleAsset("text/css; charset=utf-8", Resources.read(RESOURCES + "console.css"));
  }

  @Override
  public void mount(Router router) {
    router.route(PATH + "/assets/console.js").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(script::serve);
    router.route(PATH + "/assets/console.css").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(styles::serve);
    router.route(PATH + "/assets/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.fail(404));
    router.route(PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page::serve);
    router.route(PATH + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page::serve);
  }

  /**
   * The site keys and names in the page's {@code leadgate-sites} meta tag: the reports are per site and the API has
   * no list of sites, which only the configuration knows. Keys and names are not secret (the snippet carries them).
   */
  static String withSites(String index, Map<String, SiteConfig> sites) {
    JsonArray list = new JsonArray();
    sites.values().stream().sorted((a, b) -> a.key().compareTo(b.key()))
        .forEach(site -> list.add(new JsonObject().put("key", site.key()).put("name", site.name())));
    String placeholder = "<meta name=\"leadgate-sites\" content=\"[]\">";
    if (!index.contains(placeholder)) {
      throw new IllegalStateException("console/index.html has lost its leadgate-sites meta tag");
    }
    return index.replace(placeholder, "<meta name=\"leadgate-sites\" content=\"" + attribute(list.encode()) + "\">");
  }

  private static String attribute(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
