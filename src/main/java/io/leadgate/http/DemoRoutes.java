package io.leadgate.http;

import io.leadgate.core.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.util.List;

/** The bundled demo landing page at {@code /}: the snippet and a lead-magnet form, so a newcomer sees the flow. */
public final class DemoRoutes {
  private static final Buffer PAGE = Buffer.buffer(Resources.read("demo/index.html"));
  /**
   * The page's own single-page-app routes ({@code data-route} in {@code demo/index.html}): each is the same page,
   * so that a route reached by {@code pushState} survives a reload.
   */
  static final List<String> ROUTES = List.of("/", "/pricing");
  /** The demo form's lead magnet ({@code leadgate-demo.yaml}, form {@code ebook}). */
  private static final Buffer EBOOK = Buffer.buffer(Resources.read("demo/ebook.pdf"));

  private DemoRoutes() {
  }

  public static void mount(Router router) {
    for (String route : ROUTES) {
      router.get(route).handler(ctx -> ctx.response()
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-cache")
          .end(PAGE));
    }
    router.get("/demo/ebook.pdf").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "attachment; filename=\"lead-scoring-that-sales-trusts.pdf\"")
        .end(EBOOK));
  }
}
