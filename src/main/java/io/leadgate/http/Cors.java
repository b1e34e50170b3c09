package io.leadgate.http;

import io.leadgate.core.Forbidden;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * CORS for the browser-facing endpoints. A preflight cannot say which site it is for (the site key is in the
 * body), so it is answered for any origin some site allows and cached for a day; the request itself is then
 * checked against its own site's origins by the feature's service.
 */
public final class Cors implements Handler<RoutingContext> {
  // written on every browser request: pre-encoded once instead of per response
  private static final CharSequence ORIGIN_VALUE = HttpHeaders.createOptimized("Origin");
  private static final CharSequence EXPOSE_HEADERS = HttpHeaders.createOptimized("Access-Control-Expose-Headers");
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
  private final Predicate<String> anySiteAllows;

  public Cors(Predicate<String> anySiteAllows) {
    this.anySiteAllows = anySiteAllows;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    ctx.response().putHeader(HttpHeaders.VARY, ORIGIN_VALUE);
    boolean allowed = origin != null && anySiteAllows.test(origin);
    if (allowed) {
      // the snippet backs off by Retry-After when the store is down, so it must be able to read it
      ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
          .putHeader(EXPOSE_HEADERS, RETRY_AFTER);
    }
    if (ctx.request().method() != HttpMethod.OPTIONS) {
      ctx.next();
      return;
    }
    if (!allowed) {
      ctx.fail(new Forbidden("origin_not_allowed", "origin " + origin + " is not allowed by any site"));
      return;
    }
    ctx.response().setStatusCode(204)
        .putHeader("Access-Control-Allow-Methods", "GET, POST")
        .putHeader("Access-Control-Allow-Headers", "Content-Type")
        .putHeader("Access-Control-Max-Age", "86400")
        .end();
  }
}
