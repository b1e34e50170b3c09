package io.leadgate.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The gateway's clock while the demo month is filled in: it reads the simulated time the filling has reached, so
 * that forms, scoring, stage changes and webhooks record the month's times as they would have at those moments;
 * once {@link #release released} it is the real clock again. It never goes back: a setting earlier than the time
 * already reached is ignored.
 */
public final class SeedClock extends Clock {
  private final Clock real;
  private volatile long simulated = -1;

  public SeedClock(Clock real) {
    this.real = real;
  }

  /** Moves the simulated time forward to {@code millis} (ms since epoch). */
  public void set(long millis) {
    if (millis > simulated) {
      simulated = millis;
    }
  }

  /** Back to the real clock, for good. */
  public void release() {
    simulated = -1;
  }

  public long real() {
    return real.millis();
  }

  @Override
  public long millis() {
    long at = simulated;
    return at < 0 ? real.millis() : at;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return real.getZone();
  }

  /** The same moving time seen in another zone (a site's reports use their own zone). */
  @Override
  public Clock withZone(ZoneId zone) {
    SeedClock seed = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return seed.withZone(other);
      }

      @Override
      public long millis() {
        return seed.millis();
      }

      @Override
      public Instant instant() {
        return seed.instant();
      }
    };
  }
}
