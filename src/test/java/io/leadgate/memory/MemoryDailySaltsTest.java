package io.leadgate.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.leadgate.testing.TestClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The in-memory salts keep Redis's expiry: a salt is gone its time after it was made (Redis: EX, docs/redis.md). */
class MemoryDailySaltsTest {
  private final TestClock clock = new TestClock();
  private final MemoryDailySalts salts = new MemoryDailySalts(clock);
  private final LocalDate day = LocalDate.of(2030, 5, 6);

  @Test
  void salt_withinItsTime_isTheSame() {
    byte[] first = salts.salt(day, 48 * 3600).result();
    clock.advance(Duration.ofHours(47));
    assertArrayEquals(first, salts.salt(day, 48 * 3600).result());
  }

  @Test
  void salt_afterItsTime_isDeletedAndANewOneIsMade() {
    byte[] first = salts.salt(day, 48 * 3600).result();
    clock.advance(Duration.ofHours(48));
    assertFalse(Arrays.equals(first, salts.salt(day, 48 * 3600).result()));
  }
}
