package io.leadgate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;

/** The bundled demo landing page at {@code /}: the snippet and a lead-magnet form, so a newcomer sees the flow. */
public final class DemoRoutes {
  private static final Buffer PAGE = load("demo/index.html");
  /** The demo form's lead magnet ({@code leadgate-demo.yaml}, form {@code ebook}). */
  private static final Buffer EBOOK = load("demo/ebook.pdf");

  private DemoRoutes() {
  }

  public static void mount(Router router) {
    router.get("/").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(PAGE));
    router.get("/demo/ebook.pdf").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "attachment; filename=\"lead-scoring-that-sales-trusts.pdf\"")
        .end(EBOOK));
  }

  private static Buffer load(String resource) {
    try (InputStream in = DemoRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(resource + " cannot be read", e);
    }
  }
}
