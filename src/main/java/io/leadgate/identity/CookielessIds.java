package io.leadgate.identity;

import io.leadgate.core.Event;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The visitor of a cookieless event: an HMAC-SHA256 of the site, the client address (before the site's IP policy)
 * and the user agent, keyed with the day's salt ({@link DailySalts}, UTC days, deleted 48 hours after it was made).
 * It tells the same address and browser apart from others within one day, for the day's unique visitors, and nothing
 * else: the next day the same browser hashes to another value, and once the salt is deleted no value can be traced
 * back or compared with another. It is never joined to a person: such an event makes no visitor profile.
 */
public final class CookielessIds {
  /** The salt lives two days: through its own UTC day, and a day more for events of that day still arriving. */
  public static final long SALT_TTL_SECONDS = 48 * 3600;
  private static final int HASH_BYTES = 16;
  private final DailySalts salts;
  private final Clock clock;
  private volatile DaySalt cached;

  private record DaySalt(LocalDate day, SecretKeySpec key) {
  }

  public CookielessIds(DailySalts salts, Clock clock) {
    this.salts = salts;
    this.clock = clock;
  }

  /** The cookieless visitor id of these requester details today: {@link Event#COOKIELESS} and 22 characters. */
  public Future<String> visitorId(String site, String ip, String userAgent) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    DaySalt salt = cached;
    Future<DaySalt> key = salt != null && salt.day().equals(today) ? Future.succeededFuture(salt)
        : salts.salt(today, SALT_TTL_SECONDS).map(bytes -> {
          DaySalt fresh = new DaySalt(today, new SecretKeySpec(bytes, "HmacSHA256"));
          cached = fresh;
          return fresh;
        });
    return key.map(k -> Event.COOKIELESS + hash(k.key(), site + "\n" + (ip == null ? "" : ip) + "\n"
        + (userAgent == null ? "" : userAgent)));
  }

  private static String hash(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, HASH_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
