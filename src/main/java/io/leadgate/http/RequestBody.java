package io.leadgate.http;

import io.leadgate.core.InvalidInput;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;

/**
 * Reads the body up to the limit, as {@link BodyHandler} does, but leaves a url-encoded form undecoded: the routes
 * that take forms decode them with {@link FormEncoding}, which answers a broken escape or invalid UTF-8 with a 400
 * naming the field, where the built-in decoder fails every route before it runs. Multipart bodies are still
 * decoded by Vert.x (its errors are 400s); a content type it cannot decode at all is refused here.
 */
final class RequestBody implements Handler<RoutingContext> {
  private static final String URL_ENCODED = "application/x-www-form-urlencoded";
  private final BodyHandler bodies;

  RequestBody(long bodyLimit) {
    this.bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if ("multipart/form-data".equals(mediaType(contentType)) && !contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
      ctx.fail(new InvalidInput("invalid_content_type", "Content-Type", "a multipart body needs a boundary"));
      return;
    }
    try {
      bodies.handle(ctx);
    } catch (IllegalStateException e) {
      // Vert.x refuses to decode a form body on GET, or a multipart type without a usable boundary
      ctx.fail(new InvalidInput("invalid_content_type", "Content-Type",
          "a form body needs POST and a multipart body a boundary (" + e.getMessage() + ")"));
      return;
    }
    if (URL_ENCODED.equals(mediaType(contentType))) {
      ctx.request().setExpectMultipart(false);
    }
  }

  /** The media type of a {@code Content-Type} value, lower case, without parameters; null when there is none. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
