package io.leadgate.webhooks;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * When each attempt of a delivery is made: the delays before attempts 1, 2, 3... (the first is normally 0, "at
 * once"), each but the first spread by a random jitter so that retries after an outage do not arrive as one wave.
 * A receiver's {@code Retry-After} is honoured: the next attempt is never sooner than it asks (but at most
 * {@link #MAX_RETRY_AFTER} later, whatever it asks). Pure: time and randomness come in as arguments.
 */
public final class RetrySchedule {
  /** The Standard Webhooks example schedule, cut to eight attempts over about 33 hours. */
  public static final List<Duration> DEFAULT_DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(5),
      Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
      Duration.ofHours(10));

  /** The longest wait a {@code Retry-After} can impose. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  private final List<Duration> delays;
  private final double jitter;

  /**
   * @param delays the delay before each attempt; its size is the number of attempts
   * @param jitter the fraction (0 to 1) by which a delay may be shortened or lengthened at random
   */
  public RetrySchedule(List<Duration> delays, double jitter) {
    if (delays.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one attempt");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1 (was " + jitter + ")");
    }
    this.delays = List.copyOf(delays);
    this.jitter = jitter;
  }

  public int attempts() {
    return delays.size();
  }

  public List<Duration> delays() {
    return delays;
  }

  /**
   * When the attempt after {@code failedAttempt} (1-based) is due, or empty when that was the last one.
   *
   * @param retryAfter what the receiver asked for, or null
   * @param random     a source of numbers in [0, 1)
   */
  public OptionalLong nextAttemptAt(int failedAttempt, long nowMs, Duration retryAfter, DoubleSupplier random) {
    if (failedAttempt >= delays.size()) {
      return OptionalLong.empty();
    }
    long delay = delays.get(failedAttempt).toMillis();
    if (delay > 0 && jitter > 0) {
      delay = Math.round(delay * (1 + jitter * (2 * random.getAsDouble() - 1)));
    }
    if (retryAfter != null) {
      delay = Math.max(delay, Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis()));
    }
    return OptionalLong.of(nowMs + Math.max(0, delay));
  }

  /**
   * A {@code Retry-After} header: delay-seconds or an HTTP-date. Null when absent, unreadable or in the past.
   */
  public static Duration parseRetryAfter(String header, long nowMs) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    if (value.matches("\\d{1,10}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return at > nowMs ? Duration.ofMillis(at - nowMs) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
