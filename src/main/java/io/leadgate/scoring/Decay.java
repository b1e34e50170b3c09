package io.leadgate.scoring;

/**
 * How behaviour points lose value: a point earned at time {@code t} is worth {@code 2^(-(now - t) / halfLife)} at
 * {@code now}; fit points never decay. Because the decay is exponential, the points of one rule are kept as a single
 * pair ({@code value}, {@code at}): the rule's decayed total as of {@code at}, which decays as one amount.
 *
 * <p>Totals are compared with thresholds after rounding to two decimals ({@link #round}).
 */
public final class Decay {
  private Decay() {
  }

  /** {@code value}, as of {@code since}, seen at {@code now}; never grows when {@code now} is before {@code since}. */
  public static double at(double value, long since, long now, long halfLifeMs) {
    if (halfLifeMs <= 0 || now <= since) {
      return value;
    }
    return value * Math.pow(2, -(double) (now - since) / halfLifeMs);
  }

  /**
   * A rule's running total after {@code points} earned at {@code at}: an earlier event adds its points decayed to
   * the total's time; a later one moves the total to its own time first.
   *
   * @return {@code {value, at}}
   */
  public static double[] add(double value, long since, int points, long at, long halfLifeMs) {
    if (at >= since) {
      return new double[] {at(value, since, at, halfLifeMs) + points, at};
    }
    return new double[] {value + at(points, at, since, halfLifeMs), since};
  }

  /** Two decimals, half up: the precision scores are shown and compared with. */
  public static double round(double value) {
    return Math.floor(value * 100 + 0.5) / 100;
  }
}
