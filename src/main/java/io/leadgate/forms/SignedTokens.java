package io.leadgate.forms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's signed tokens, HMAC-SHA256 with a key per form (derived from the form's or the gateway's secret):
 * the render token a page fetches when it shows a form ({@code GET /f/{id}/token}), which proves when the form was
 * rendered, and the expiring lead-magnet link ({@code /d/{token}}). A token is {@code base64url(payload)} + "." +
 * {@code base64url(mac)}; the payload is readable but cannot be changed or forged without the secret.
 */
public final class SignedTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  private static final int MAC_BYTES = 16;
  /** A render time this far in the future is accepted (instances' clocks differ a little). */
  private static final long CLOCK_SKEW_MS = 60_000;
  public static final int MAX_LENGTH = 512;

  private final Map<String, byte[]> keys;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** @param secretsByForm each form's secret (the form's own, else the gateway's) */
  public SignedTokens(Map<String, String> secretsByForm, Clock clock) {
    this.clock = clock;
    Map<String, byte[]> derived = new HashMap<>();
    secretsByForm.forEach((form, secret) ->
        derived.put(form, hmac(secret.getBytes(StandardCharsets.UTF_8), "leadgate form " + form)));
    this.keys = Map.copyOf(derived);
  }

  /** A fresh random secret for a gateway started without one. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  public String renderToken(String formId) {
    byte[] nonce = new byte[6];
    random.nextBytes(nonce);
    return sign(formId, "r1." + formId + "." + clock.millis() + "." + B64.encodeToString(nonce));
  }

  /** What a submit's render token says about it. */
  public sealed interface Render {
  }

  /** No token came with the submit. */
  public record Absent() implements Render {
  }

  /** Not a token of ours for this form: forged, altered, or another form's. */
  public record Forged() implements Render {
  }

  /** Too old to prove anything (a tab left open for days, or a token harvested and replayed). */
  public record Stale() implements Render {
  }

  /** @param ageMs how long ago the form was rendered */
  public record Rendered(long ageMs) implements Render {
  }

  public Render checkRender(String token, String formId, long maxAgeMs) {
    if (token == null || token.isEmpty()) {
      return new Absent();
    }
    String[] payload = verify(token, formId);
    if (payload == null || payload.length != 4 || !payload[0].equals("r1")) {
      return new Forged();
    }
    long renderedAt;
    try {
      renderedAt = Long.parseLong(payload[2]);
    } catch (NumberFormatException e) {
      return new Forged();
    }
    long age = clock.millis() - renderedAt;
    if (age < -CLOCK_SKEW_MS) {
      return new Forged();
    }
    return age > maxAgeMs ? new Stale() : new Rendered(Math.max(0, age));
  }

  public String downloadToken(String formId, String leadId, String visitorId, long expiresAt) {
    return sign(formId, "d1." + formId + "." + leadId + "." + visitorId + "." + expiresAt);
  }

  /** What a download link holds. */
  public record Download(String formId, String leadId, String visitorId, long expiresAt) {
  }

  /** Why a download link is refused. */
  public static final class Refused extends Exception {
    private final boolean expired;

    Refused(boolean expired) {
      super(expired ? "expired" : "invalid", null, false, false);
      this.expired = expired;
    }

    public boolean expired() {
      return expired;
    }
  }

  public Download checkDownload(String token) throws Refused {
    String formId = formOf(token);
    String[] payload = formId == null ? null : verify(token, formId);
    if (payload == null || payload.length != 5 || !payload[0].equals("d1")) {
      throw new Refused(false);
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(payload[4]);
    } catch (NumberFormatException e) {
      throw new Refused(false);
    }
    if (clock.millis() >= expiresAt) {
      throw new Refused(true);
    }
    return new Download(payload[1], payload[2], payload[3], expiresAt);
  }

  private String sign(String formId, String payload) {
    byte[] key = keys.get(formId);
    if (key == null) {
      throw new IllegalArgumentException("no form " + formId);
    }
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(data) + "." + B64.encodeToString(Arrays.copyOf(hmac(key, data), MAC_BYTES));
  }

  /** The payload's parts when the token is intact and signed with this form's key; else null. */
  private String[] verify(String token, String formId) {
    byte[] key = keys.get(formId);
    int dot = token.indexOf('.');
    if (key == null || token.length() > MAX_LENGTH || dot < 1 || dot != token.lastIndexOf('.')) {
      return null;
    }
    try {
      byte[] data = B64_DECODE.decode(token.substring(0, dot));
      byte[] mac = B64_DECODE.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, Arrays.copyOf(hmac(key, data), MAC_BYTES))) {
        return null;
      }
      String[] parts = new String(data, StandardCharsets.UTF_8).split("\\.", -1);
      return parts.length > 1 && parts[1].equals(formId) ? parts : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The form a token claims to be for (unverified: only to pick the key). */
  private static String formOf(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot < 1 || token.length() > MAX_LENGTH) {
      return null;
    }
    try {
      String[] parts = new String(B64_DECODE.decode(token.substring(0, dot)), StandardCharsets.UTF_8).split("\\.");
      return parts.length > 1 ? parts[1] : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    return hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
