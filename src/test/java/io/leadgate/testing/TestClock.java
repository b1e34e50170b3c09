package io.leadgate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves forward: retries due in hours are tested by advancing it, not by waiting. Thread-safe. */
public final class TestClock extends Clock {
  private final AtomicLong millis;
  private final boolean running;

  public TestClock(Instant start) {
    this(start.toEpochMilli(), false);
  }

  private TestClock(long millis, boolean running) {
    this.millis = new AtomicLong(millis);
    this.running = running;
  }

  /** A clock that follows the real time, moved away from it by hand: for suites whose other tests need time to pass. */
  public static TestClock running() {
    return new TestClock(0, true);
  }

  /** A clock at the real current time, moved from there by hand. */
  public static TestClock now() {
    return new TestClock(Instant.now());
  }

  public TestClock() {
    this(Instant.parse("2025-03-03T09:00:00Z"));
  }

  public void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  @Override
  public long millis() {
    return running ? System.currentTimeMillis() + millis.get() : millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
