package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecayTest {
  static final long DAY = 86_400_000L;
  static final long HALF = 30 * DAY;

  @ParameterizedTest(name = "{0} points after {1} days: {2}")
  @CsvSource({
      "40, 0, 40",
      "40, 30, 20",
      "40, 60, 10",
      "40, 15, 28.28",
      "-10, 30, -5",
      "100, 90, 12.5",
      "50, 365, 0.01"})
  void at_halfLifeOfThirtyDays_halvesPerPeriod(int points, int days, double expected) {
    assertEquals(expected, Decay.round(Decay.at(points, 0, days * DAY, HALF)));
  }

  @Test
  void at_withoutHalfLife_neverDecays() {
    assertEquals(40, Decay.at(40, 0, 3650 * DAY, 0));
  }

  @Test
  void at_timeBeforeThePoints_doesNotGrowThem() {
    assertEquals(40, Decay.at(40, 10 * DAY, 5 * DAY, HALF));
  }

  @Test
  void add_runningTotal_equalsTheSumOfEachEventDecayed() {
    Random random = new Random(42);
    long[] times = new long[50];
    int[] points = new int[50];
    double value = 0;
    long since = 0;
    for (int i = 0; i < times.length; i++) {
      times[i] = (long) (random.nextDouble() * 200 * DAY);   // out of order on purpose
      points[i] = random.nextInt(41) - 10;
      double[] next = Decay.add(value, i == 0 ? times[0] : since, points[i], times[i], HALF);
      value = next[0];
      since = (long) next[1];
    }
    long now = 250 * DAY;
    double expected = 0;
    for (int i = 0; i < times.length; i++) {
      expected += Decay.at(points[i], times[i], now, HALF);
    }
    assertEquals(expected, Decay.at(value, since, now, HALF), 1e-9);
  }

  @Test
  void round_twoDecimalsHalfUp() {
    assertEquals(12.35, Decay.round(12.345));
    assertEquals(-0.5, Decay.round(-0.504));
    assertEquals(50, Decay.round(49.995));
  }
}
