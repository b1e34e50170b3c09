package io.leadgate.segment;

import io.leadgate.http.ClientIp;
import io.leadgate.http.Handlers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code POST /v1/track}, {@code /v1/page}, {@code /v1/screen}, {@code /v1/identify}, {@code /v1/group},
 * {@code /v1/alias} and {@code /v1/batch}: what Segment's HTTP Tracking API answers, {@code 200 {"success":true}};
 * a refusal is the gateway's one error body, a 401 with a Basic challenge.
 */
final class SegmentRoutes {
  static final String PREFIX = "/v1/";
  private static final String SUCCESS = "{\"success\":true}";
  private final SegmentService service;
  private final ClientIp clientIp;

  SegmentRoutes(SegmentService service, ClientIp clientIp) {
    this.service = service;
    this.clientIp = clientIp;
  }

  void mount(Router router) {
    for (MessageType type : MessageType.values()) {
      router.post(PREFIX + type.label()).handler(ctx -> respond(ctx,
          () -> service.message(authorization(ctx), type, body(ctx), clientIp.of(ctx.request()))));
    }
    router.post(PREFIX + "batch").handler(ctx -> respond(ctx,
        () -> service.batch(authorization(ctx), body(ctx), clientIp.of(ctx.request()))));
  }

  private static void respond(RoutingContext ctx, Supplier<Future<Integer>> call) {
    ctx.addHeadersEndHandler(v -> {
      if (ctx.response().getStatusCode() == 401) {
        ctx.response().putHeader("WWW-Authenticate", WriteKeys.CHALLENGE);
      }
    });
    Handlers.call(ctx, call, stored -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(SUCCESS));
  }

  private static String authorization(RoutingContext ctx) {
    return ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
  }

  /**
   * The body as sent, whatever its Content-Type says: RudderStack's SDK labels its gzipped JSON
   * {@code application/x-www-form-urlencoded}, and Segment's API reads JSON regardless.
   */
  private static byte[] body(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }
}
