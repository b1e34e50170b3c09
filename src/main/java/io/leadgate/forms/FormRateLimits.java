package io.leadgate.forms;

import io.leadgate.core.RateLimited;
import io.leadgate.identity.EmailAddress;
import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A form's limits on submissions per IP address and per email ({@code forms[].rateLimit}): past one, the
 * submission is refused with {@link RateLimited} (429). Addresses are counted under a keyed hash, so the store can
 * count them but never read them.
 */
final class FormRateLimits {
  private final RateLimitStore store;
  private final Metrics metrics;
  private final byte[] subjectKey;

  /** @param secret the gateway's secret; keys the hashes that stand for IP addresses and emails */
  FormRateLimits(RateLimitStore store, String secret, Metrics metrics) {
    this.store = store;
    this.metrics = metrics;
    this.subjectKey = sha256(("leadgate rate limits " + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Counts a submission from {@code ip} (null: unknown, not counted) for {@code email} against the form's limits. */
  Future<Void> hit(FormConfig form, String ip, EmailAddress email) {
    RateLimitConfig limits = form.rateLimit();
    long window = limits.windowMinutes() * 60L;
    Future<Void> byIp = limits.perIp() == 0 || ip == null ? Future.succeededFuture()
        : store.hit(form.id(), "ip", subject(ip), window)
            .compose(w -> check(form, w, limits.perIp(), "ip"));
    return byIp.compose(v -> limits.perEmail() == 0 ? Future.succeededFuture()
        : store.hit(form.id(), "email", subject(email.key()), window)
            .compose(w -> check(form, w, limits.perEmail(), "email")));
  }

  /** Erasure: forgets the email's current windows on every form. */
  Future<Void> forget(java.util.Collection<FormConfig> forms, String emailKey) {
    String subject = subject(emailKey);
    return Future.all(forms.stream().map(f -> store.forget(f.id(), "email", subject)).toList()).mapEmpty();
  }

  private Future<Void> check(FormConfig form, RateLimitStore.Window window, int limit, String by) {
    if (window.count() <= limit) {
      return Future.succeededFuture();
    }
    metrics.counter("leadgate.forms.rate_limited", "form", form.id(), "by", by).increment();
    return Future.failedFuture(new RateLimited("rate_limited",
        "too many submissions; try again in " + minutes(window.resetsInSeconds()), window.resetsInSeconds()));
  }

  /** A keyed hash that stands for an IP address or email in a rate-limit key: countable, not readable. */
  private String subject(String value) {
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    byte[] keyed = new byte[subjectKey.length + data.length];
    System.arraycopy(subjectKey, 0, keyed, 0, subjectKey.length);
    System.arraycopy(data, 0, keyed, subjectKey.length, data.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(keyed), 12));
  }

  private static String minutes(long seconds) {
    long minutes = (seconds + 59) / 60;
    return minutes <= 1 ? "a minute" : minutes + " minutes";
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
