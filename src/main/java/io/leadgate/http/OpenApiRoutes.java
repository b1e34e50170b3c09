package io.leadgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadgate.core.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every {@code /api/} route, public. Written by hand in
 * {@code openapi.yaml} (shipped in the jar) and served as JSON; the test suite checks it with an OpenAPI parser and
 * against the routes the router has, with the role each declares ({@code x-role}).
 */
public final class OpenApiRoutes {
  public static final String PATH = "/openapi.json";
  public static final String SOURCE = "openapi.yaml";
  private final Buffer json;

  private OpenApiRoutes(Buffer json) {
    this.json = json;
  }

  /** Reads and converts the shipped document: at start-up, on the caller's thread (it reads from the jar). */
  public static OpenApiRoutes shipped() {
    try {
      Object document = new ObjectMapper(new YAMLFactory()).readValue(Resources.read(SOURCE), Object.class);
      return new OpenApiRoutes(Buffer.buffer(new ObjectMapper().writeValueAsBytes(document)));
    } catch (IOException e) {
      throw new IllegalStateException(SOURCE + " in the jar is not valid YAML", e);
    }
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=300").end(json));
  }
}
