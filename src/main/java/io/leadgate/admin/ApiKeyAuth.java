package io.leadgate.admin;

import io.leadgate.core.Feature;
import io.leadgate.http.Access;
import io.leadgate.http.Caller;
import io.leadgate.http.RequestOrigin;
import io.leadgate.http.Role;
import io.leadgate.core.Forbidden;
import io.leadgate.core.Unauthorized;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Guards {@code /api/*}: the caller is either the holder of an API key ({@code Authorization: Bearer KEY}) or a
 * console user with a session cookie; the guard puts the {@link Caller} in the routing context and each route
 * checks the role it needs ({@link Access}). Keys are configured as SHA-256 hashes only; the presented key is
 * hashed and compared with every configured hash in constant time ({@link MessageDigest#isEqual}), all of them, so
 * the answer's timing tells nothing about which or how much matched. A change made with a session must come from
 * the gateway's own pages (no cross-site {@code Origin} or {@code Sec-Fetch-Site}) and carry the session's token in
 * {@code X-CSRF-Token}. Without a key or a live session: {@code 401} with a JSON error.
 *
 * <p>For a key, its name is also in the routing context under {@link #KEY_NAME}, for logs.
 */
public final class ApiKeyAuth implements Handler<RoutingContext>, Feature {
  public static final String PATH = "/api/*";
  public static final String KEY_NAME = "leadgate.apiKey";
  public static final String SESSION_COOKIE = "lg_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String BEARER = "bearer ";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final List<Key> keys;
  private final Sessions sessions;
  private final RequestOrigin origin;

  private record Key(String name, byte[] sha256, Role role) {
  }

  /** Keys only: no console sessions. */
  public ApiKeyAuth(List<ApiKeyConfig> keys) {
    this(keys, null, null);
  }

  public ApiKeyAuth(List<ApiKeyConfig> keys, Sessions sessions, RequestOrigin origin) {
    this.keys = keys.stream().map(k -> new Key(k.name(), HexFormat.of().parseHex(k.sha256()), k.access())).toList();
    this.sessions = sessions;
    this.origin = origin;
  }

  /** Mounts the check in front of every {@code /api/} route; mount it before any feature's API routes. */
  @Override
  public void mount(Router router) {
    router.route(PATH).handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (header == null && cookie != null && sessions != null) {
      bySession(ctx, cookie.getValue());
    } else {
      byKey(ctx, header);
    }
  }

  private void byKey(RoutingContext ctx, String header) {
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      refuse(ctx, "missing_api_key", "sign in, or send the API key as Authorization: Bearer KEY");
      return;
    }
    byte[] presented = sha256(header.substring(BEARER.length()).strip());
    Key matched = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(presented, key.sha256()) && matched == null) {
        matched = key;
      }
    }
    if (matched == null) {
      refuse(ctx, "invalid_api_key", "the API key is not valid");
      return;
    }
    ctx.put(KEY_NAME, matched.name());
    ctx.put(Access.CALLER, new Caller(matched.name(), matched.role(), false));
    ctx.next();
  }

  private void bySession(RoutingContext ctx, String token) {
    sessions.find(token).onComplete(found -> {
      if (found.failed()) {
        ctx.fail(found.cause());
      } else if (found.result().isEmpty()) {
        ctx.fail(new Unauthorized("session_expired", "the session has ended; sign in again"));
      } else if (!SAFE.contains(ctx.request().method()) && origin.crossSite(ctx.request())) {
        ctx.fail(new Forbidden("cross_site_request", "changes are only accepted from the gateway's own pages"));
      } else if (!SAFE.contains(ctx.request().method()) && !csrfMatches(ctx, found.result().get().csrf())) {
        ctx.fail(new Forbidden("csrf_token_invalid",
            "send the session's csrf token (from GET /api/session) in " + CSRF_HEADER));
      } else {
        ctx.put(Access.CALLER, found.result().get().caller());
        ctx.next();
      }
    });
  }

  private static boolean csrfMatches(RoutingContext ctx, String expected) {
    String sent = ctx.request().getHeader(CSRF_HEADER);
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex SHA-256 of a key, as {@code apiKeys[].sha256} wants it. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static void refuse(RoutingContext ctx, String code, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"leadgate\"");
    ctx.fail(new Unauthorized(code, message));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
