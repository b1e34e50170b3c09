package io.leadgate.admin;

import io.leadgate.core.Feature;
import io.leadgate.core.Unauthorized;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Guards {@code /api/*}: the request must carry {@code Authorization: Bearer KEY} for a configured key. Keys are
 * configured as SHA-256 hashes only; the presented key is hashed and compared with every configured hash in constant
 * time ({@link MessageDigest#isEqual}), all of them, so the answer's timing tells nothing about which or how much
 * matched. A missing or wrong key gets {@code 401} with a JSON error. With no key configured, every API request is
 * refused: the API is closed until an operator opens it.
 *
 * <p>On success the key's name is in the routing context under {@link #KEY_NAME}, for logs and audit.
 */
public final class ApiKeyAuth implements Handler<RoutingContext>, Feature {
  public static final String PATH = "/api/*";
  public static final String KEY_NAME = "leadgate.apiKey";
  private static final String BEARER = "bearer ";

  private final List<Key> keys;

  private record Key(String name, byte[] sha256) {
  }

  public ApiKeyAuth(List<ApiKeyConfig> keys) {
    this.keys = keys.stream().map(k -> new Key(k.name(), HexFormat.of().parseHex(k.sha256()))).toList();
  }

  /** Mounts the check in front of every {@code /api/} route; mount it before any feature's API routes. */
  @Override
  public void mount(Router router) {
    router.route(PATH).handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      refuse(ctx, "missing_api_key", "send the API key as Authorization: Bearer KEY");
      return;
    }
    byte[] presented = sha256(header.substring(BEARER.length()).strip());
    String matched = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(presented, key.sha256()) && matched == null) {
        matched = key.name();
      }
    }
    if (matched == null) {
      refuse(ctx, "invalid_api_key", "the API key is not valid");
      return;
    }
    ctx.put(KEY_NAME, matched);
    ctx.next();
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
