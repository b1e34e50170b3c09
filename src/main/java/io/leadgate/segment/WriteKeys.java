package io.leadgate.segment;

import io.leadgate.config.SiteConfig;
import io.leadgate.config.WriteKeyConfig;
import io.leadgate.core.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Which site a request of a Segment or RudderStack SDK is for: the write key is the username of HTTP Basic auth
 * (the password is empty and not read). Keys are configured as SHA-256 hashes only ({@code sites[].writeKeys}); the
 * presented key is hashed and compared with every configured hash in constant time, all of them, as
 * {@code admin.ApiKeyAuth} does for API keys, so the answer's timing tells nothing about which key came close.
 */
final class WriteKeys {
  static final String CHALLENGE = "Basic realm=\"leadgate\"";
  private static final String BASIC = "basic ";
  private final List<Key> keys;

  private record Key(String site, String name, byte[] sha256) {
  }

  WriteKeys(List<SiteConfig> sites) {
    List<Key> all = new ArrayList<>();
    for (SiteConfig site : sites) {
      for (WriteKeyConfig key : site.writeKeys()) {
        all.add(new Key(site.key(), key.name(), HexFormat.of().parseHex(key.sha256())));
      }
    }
    this.keys = List.copyOf(all);
  }

  /** The site whose write key the header carries; {@link Unauthorized} without one, or with a key no site has. */
  String site(String authorization) {
    if (authorization == null || authorization.length() <= BASIC.length()
        || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      throw new Unauthorized("missing_write_key", "send the source's write key as the username of HTTP Basic auth");
    }
    byte[] presented = sha256(username(authorization.substring(BASIC.length()).strip()));
    Key matched = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(presented, key.sha256()) && matched == null) {
        matched = key;
      }
    }
    if (matched == null) {
      throw new Unauthorized("invalid_write_key", "the write key is not valid");
    }
    return matched.site();
  }

  private static String username(String credentials) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Unauthorized("invalid_write_key", "the Basic credentials are not valid base64");
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.substring(0, colon);
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
