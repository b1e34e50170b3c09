package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  static final long NOW = 1_700_000_000_000L;

  @Test
  void defaultSchedule_eightAttemptsOverAboutThirtyThreeHours() {
    RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0);
    assertEquals(8, schedule.attempts());
    long at = NOW;
    long[] expected = {5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000};
    for (int attempt = 1; attempt < 8; attempt++) {
      long next = schedule.nextAttemptAt(attempt, at, null, () -> 0.5).getAsLong();
      assertEquals(expected[attempt - 1], next - at, "delay after attempt " + attempt);
      at = next;
    }
    assertEquals(Duration.ofSeconds(5 + 300 + 1800 + 7200 + 18000 + 36000 + 36000).toMillis(), at - NOW);
  }

  @Test
  void lastAttemptFailed_noNextAttempt() {
    RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0.2);
    assertEquals(OptionalLong.empty(), schedule.nextAttemptAt(8, NOW, null, () -> 0.5));
  }

  @Test
  void jitter_staysWithinTheFraction() {
    RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0.2);
    assertEquals(NOW + 4_000, schedule.nextAttemptAt(1, NOW, null, () -> 0.0).getAsLong());
    assertEquals(NOW + 6_000, schedule.nextAttemptAt(1, NOW, null, () -> 1.0).getAsLong());
    for (int i = 0; i < 1000; i++) {
      long delay = schedule.nextAttemptAt(2, NOW, null, Math::random).getAsLong() - NOW;
      assertTrue(delay >= 240_000 && delay <= 360_000, "delay " + delay);
    }
  }

  @Test
  void retryAfter_laterThanSchedule_honoured() {
    RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0);
    assertEquals(NOW + 120_000, schedule.nextAttemptAt(1, NOW, Duration.ofSeconds(120), () -> 0.5).getAsLong());
  }

  @Test
  void retryAfter_soonerThanSchedule_scheduleKept() {
    RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0);
    assertEquals(NOW + 300_000, schedule.nextAttemptAt(2, NOW, Duration.ofSeconds(1), () -> 0.5).getAsLong());
  }

  @Test
  void retryAfter_absurd_cappedAtADay() {
    RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 0);
    assertEquals(NOW + 86_400_000, schedule.nextAttemptAt(1, NOW, Duration.ofDays(30), () -> 0.5).getAsLong());
  }

  @Test
  void parseRetryAfter_secondsAndHttpDate() {
    assertEquals(Duration.ofSeconds(30), RetrySchedule.parseRetryAfter("30", NOW));
    long at = java.time.Instant.parse("2023-11-14T22:14:20Z").toEpochMilli();
    assertEquals(Duration.ofSeconds(60),
        RetrySchedule.parseRetryAfter("Tue, 14 Nov 2023 22:15:20 GMT", at));
    assertNull(RetrySchedule.parseRetryAfter("soon", NOW));
    assertNull(RetrySchedule.parseRetryAfter(null, NOW));
    assertNull(RetrySchedule.parseRetryAfter("Tue, 14 Nov 2023 22:15:20 GMT", at + 120_000));
  }

  @Test
  void verdicts_perStatus() {
    assertEquals(Verdict.DELIVERED, Verdict.of(200));
    assertEquals(Verdict.DELIVERED, Verdict.of(204));
    assertEquals(Verdict.RETRY, Verdict.of(500));
    assertEquals(Verdict.RETRY, Verdict.of(503));
    assertEquals(Verdict.RETRY, Verdict.of(408));
    assertEquals(Verdict.RETRY, Verdict.of(429));
    assertEquals(Verdict.RETRY, Verdict.of(0));
    assertEquals(Verdict.RETRY, Verdict.of(301));
    assertEquals(Verdict.GONE, Verdict.of(410));
    assertEquals(Verdict.FAIL_FAST, Verdict.of(400));
    assertEquals(Verdict.FAIL_FAST, Verdict.of(401));
    assertEquals(Verdict.FAIL_FAST, Verdict.of(404));
    assertEquals(Verdict.FAIL_FAST, Verdict.of(422));
  }
}
