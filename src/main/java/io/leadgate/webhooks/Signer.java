package io.leadgate.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: {@code v1,} + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), the key
 * being the base64-decoded secret after {@code whsec_}. With several secrets (rotation) the header carries one
 * signature per secret, space-separated, the current secret first. Pure: no I/O, safe on any thread.
 */
public final class Signer {
  public static final String SECRET_PREFIX = "whsec_";
  /** The spec: "At least 24 bytes (192 bits, 512 maximum)". */
  public static final int MIN_KEY_BYTES = 24;
  public static final int MAX_KEY_BYTES = 64;

  private final List<byte[]> keys;

  /**
   * @param secrets {@code whsec_...} secrets, the one receivers should move to first
   * @throws IllegalArgumentException when a secret is not {@code whsec_} + base64 of 24 to 64 bytes (the message
   *     never repeats the secret)
   */
  public Signer(List<String> secrets) {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    List<byte[]> decoded = new ArrayList<>(secrets.size());
    for (String secret : secrets) {
      decoded.add(decode(secret));
    }
    this.keys = List.copyOf(decoded);
  }

  /** The key bytes of one {@code whsec_} secret, or {@link IllegalArgumentException} saying what is wrong with it. */
  public static byte[] decode(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("must start with " + SECRET_PREFIX + " followed by base64");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not valid base64 after " + SECRET_PREFIX);
    }
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("must decode to " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
          + " bytes (decodes to " + key.length + ")");
    }
    return key;
  }

  /**
   * The {@code webhook-signature} header value.
   *
   * @param id        the {@code webhook-id}; must not contain {@code .} or whitespace, which would make the signed
   *                  content ambiguous
   * @param timestamp the {@code webhook-timestamp}, seconds since the epoch
   * @param body      the exact bytes sent
   */
  public String sign(String id, long timestamp, byte[] body) {
    if (id == null || id.isEmpty() || id.indexOf('.') >= 0 || id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a webhook id must be non-empty without '.' or whitespace (was \"" + id + "\")");
    }
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (byte[] key : keys) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, prefix, body)));
    }
    return header.toString();
  }

  public String sign(String id, long timestamp, String body) {
    return sign(id, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether any {@code v1} signature in the header was made with one of this signer's secrets, compared in constant
   * time. What a receiver does; the gateway uses it in tests and for its own checks.
   */
  public boolean verify(String id, long timestamp, byte[] body, String signatureHeader) {
    if (signatureHeader == null) {
      return false;
    }
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (String candidate : signatureHeader.trim().split(" +")) {
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (byte[] key : keys) {
        matched |= MessageDigest.isEqual(hmac(key, prefix, body), given);
      }
    }
    return matched;
  }

  private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
