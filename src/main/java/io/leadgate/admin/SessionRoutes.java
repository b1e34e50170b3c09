package io.leadgate.admin;

import io.leadgate.core.Forbidden;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.Unauthorized;
import io.leadgate.http.Access;
import io.leadgate.http.Caller;
import io.leadgate.http.ClientIp;
import io.leadgate.http.Handlers;
import io.leadgate.http.RequestOrigin;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * Console sign-in: {@code POST /api/session} ({@code {"name", "password"}}) sets the session cookie,
 * {@code GET /api/session} says who is signed in (and the CSRF token), {@code DELETE /api/session} signs out.
 * Mounted before the {@code /api/*} guard: these routes answer for themselves.
 */
public final class SessionRoutes {
  public static final String PATH = "/api/session";
  private final Sessions sessions;
  private final RequestOrigin origin;
  private final ClientIp clientIp;

  public SessionRoutes(Sessions sessions, RequestOrigin origin, ClientIp clientIp) {
    this.sessions = sessions;
    this.origin = origin;
    this.clientIp = clientIp;
  }

  public void mount(Router router) {
    Access.open(router.post(PATH)).handler(this::signIn);
    Access.open(router.get(PATH)).handler(this::current);
    Access.open(router.delete(PATH)).handler(this::signOut);
  }

  private void signIn(RoutingContext ctx) {
    if (origin.crossSite(ctx.request())) {
      ctx.fail(new Forbidden("cross_site_request", "sign in from the gateway's own pages"));
      return;
    }
    JsonObject body = body(ctx);
    String name = text(body, "name", 64);
    String password = text(body, "password", 1024);
    Handlers.call(ctx, () -> sessions.signIn(name, password, clientIp.of(ctx.request())), signedIn -> {
      ctx.response().addCookie(cookie(ctx, signedIn.token(), sessions.ttl().toSeconds()));
      json(ctx, 200, describe(signedIn.caller(), signedIn.csrf(), signedIn.expiresAtMs()));
    });
  }

  private void current(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(ApiKeyAuth.SESSION_COOKIE);
    Handlers.call(ctx, () -> sessions.find(cookie == null ? null : cookie.getValue()), found -> json(ctx, 200,
        found.map(f -> describe(f.caller(), f.csrf(), f.expiresAtMs())).orElseThrow(() ->
            new Unauthorized("not_signed_in", "no one is signed in with this session"))));
  }

  private void signOut(RoutingContext ctx) {
    if (origin.crossSite(ctx.request())) {
      ctx.fail(new Forbidden("cross_site_request", "sign out from the gateway's own pages"));
      return;
    }
    Cookie cookie = ctx.request().getCookie(ApiKeyAuth.SESSION_COOKIE);
    Handlers.call(ctx, () -> sessions.signOut(cookie == null ? null : cookie.getValue()), v -> {
      ctx.response().addCookie(cookie(ctx, "", 0));
      ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
    });
  }

  private Cookie cookie(RoutingContext ctx, String value, long maxAgeSeconds) {
    return Cookie.cookie(ApiKeyAuth.SESSION_COOKIE, value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(origin.https(ctx.request())).setMaxAge(maxAgeSeconds);
  }

  private static JsonObject describe(Caller caller, String csrf, long expiresAtMs) {
    return new JsonObject().put("name", caller.name()).put("role", caller.role().label()).put("csrfToken", csrf)
        .put("expiresAt", Instant.ofEpochMilli(expiresAtMs).toString());
  }

  private static String text(JsonObject body, String field, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw InvalidInput.field(field, "is required (a string)");
    }
    if (text.length() > max) {
      throw InvalidInput.field(field, "must be at most " + max + " characters");
    }
    return text;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new InvalidInput("body_required", null, "send a JSON object: {\"name\": ..., \"password\": ...}");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidInput("invalid_json", null, "the body is not a JSON object");
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
