package io.leadgate.http;

import io.leadgate.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/** The bundled demo landing page at {@code /}: the snippet and a lead-magnet form, so a newcomer sees the flow. */
public final class DemoRoutes {
  private static final Buffer PAGE = Buffer.buffer(Resources.read("demo/index.html"));

  private DemoRoutes() {
  }

  public static void mount(Router router) {
    router.get("/").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(PAGE));
  }
}
