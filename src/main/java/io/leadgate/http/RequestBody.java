package io.leadgate.http;

import io.leadgate.core.InvalidInput;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads the body up to the limit, as {@link BodyHandler} does, but leaves a url-encoded form undecoded: the routes
 * that take forms decode them with {@link FormEncoding}, which answers a broken escape or invalid UTF-8 with a 400
 * naming the field, where the built-in decoder fails every route before it runs. Multipart bodies are still
 * decoded by Vert.x (its errors are 400s); a content type it cannot decode at all is refused here.
 */
final class RequestBody implements Handler<RoutingContext> {
  private static final String URL_ENCODED = "application/x-www-form-urlencoded";
  private static final String MULTIPART = "multipart/form-data";
  private final BodyHandler bodies;

  RequestBody(long bodyLimit) {
    this.bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.body().available()) {
      ctx.next(); // read already, under a larger limit for its path
      return;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType = ContentType.mediaType(contentType);
    if (MULTIPART.equals(mediaType)) {
      String boundary = ContentType.parameter(contentType, "boundary");
      if (boundary == null || boundary.isEmpty()) {
        ctx.fail(new InvalidInput("invalid_content_type", "Content-Type", "a multipart body needs a boundary"));
        return;
      }
    }
    try {
      bodies.handle(ctx);
    } catch (RuntimeException e) {
      // Vert.x refuses to decode a form body on GET; Netty's decoder throws on content types it cannot use
      ctx.fail(new InvalidInput("invalid_content_type", "Content-Type",
          "this content type cannot be decoded for a " + ctx.request().method().name()));
      return;
    }
    if (URL_ENCODED.equals(mediaType)) {
      ctx.request().setExpectMultipart(false);
    }
  }
}
