package io.leadgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeedClockTest {
  private final TestClock real = new TestClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final SeedClock clock = new SeedClock(real);

  @Test
  void set_laterTime_isWhatTheClockReads() {
    clock.set(Instant.parse("2026-11-10T09:00:00Z").toEpochMilli());
    assertEquals(Instant.parse("2026-11-10T09:00:00Z"), clock.instant());
  }

  @Test
  void set_earlierThanReached_isIgnoredSoTheClockNeverGoesBack() {
    clock.set(Instant.parse("2026-11-10T09:00:00Z").toEpochMilli());
    clock.set(Instant.parse("2026-11-09T09:00:00Z").toEpochMilli());
    assertEquals(Instant.parse("2026-11-10T09:00:00Z"), clock.instant());
  }

  @Test
  void release_afterFilling_readsTheRealClockAgain() {
    clock.set(Instant.parse("2026-11-10T09:00:00Z").toEpochMilli());
    clock.release();
    assertEquals(real.millis(), clock.millis());
  }

  @Test
  void withZone_readsTheSameMovingTimeInThatZone() {
    java.time.Clock berlin = clock.withZone(java.time.ZoneId.of("Europe/Berlin"));
    clock.set(Instant.parse("2026-11-10T09:00:00Z").toEpochMilli());
    assertEquals(Instant.parse("2026-11-10T09:00:00Z"), berlin.instant());
    assertEquals(java.time.ZoneId.of("Europe/Berlin"), berlin.getZone());
    assertEquals(java.time.LocalTime.of(10, 0), java.time.LocalTime.now(berlin));
  }
}
