package io.leadgate.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a value under a secret key, cut to 128 bits (32 hex digits): stands for an email or a visitor id in
 * a tombstone or a webhook without the value being readable, and cannot be reversed by hashing guesses without the
 * key. Thread-safe (a {@link Mac} per call).
 */
public final class KeyedHash {
  private final SecretKeySpec key;

  public KeyedHash(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("the key must have at least 16 bytes (was "
          + (key == null ? "null" : key.length) + ")");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String of(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
