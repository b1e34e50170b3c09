package io.leadgate.scoring;

import io.leadgate.config.Check;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A band of numbers such as a company size ({@code min} and {@code max} inclusive, either may be open). A form
 * value matches when its own band lies inside: {@code 51-200} and {@code 120} are inside {@code {min: 50, max: 999}},
 * {@code 1000+} is inside {@code {min: 1000}}; {@code 10-60} is not inside {@code {min: 50}}.
 */
public record SizeRange(Long min, Long max) {
  private static final Pattern BAND = Pattern.compile("(\\d+)\\s*(?:-|–|to)\\s*(\\d+)");
  private static final Pattern AT_LEAST = Pattern.compile("(\\d+)\\s*\\+|(?:over|more than|above)\\s*(\\d+)");
  private static final Pattern UP_TO = Pattern.compile("(?:<|up to|under|less than|fewer than)\\s*(\\d+)");
  private static final Pattern ONE = Pattern.compile("(\\d+)");

  public SizeRange {
    Check.that(min != null || max != null, "", "needs min, max or both");
    Check.that(min == null || min >= 0, "min", "must not be negative (was " + min + ")");
    Check.that(min == null || max == null || min <= max, "max", "must not be below min " + min + " (was " + max + ")");
  }

  /** True when the value's band lies inside this range; false when the value holds no number. */
  public boolean contains(String value) {
    long[] band = band(value);
    return band != null && (min == null || band[0] >= min) && (max == null || band[1] <= max);
  }

  /** The band a form value names, {@code {low, high}}; null when it names none. */
  static long[] band(String value) {
    if (value == null) {
      return null;
    }
    String text = value.toLowerCase(java.util.Locale.ROOT).replaceAll("(?<=\\d)[,._ '](?=\\d{3})", "").strip();
    try {
      Matcher m = BAND.matcher(text);
      if (m.find()) {
        long low = Long.parseLong(m.group(1));
        long high = Long.parseLong(m.group(2));
        return new long[] {Math.min(low, high), Math.max(low, high)};
      }
      m = AT_LEAST.matcher(text);
      if (m.find()) {
        return new long[] {Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)), Long.MAX_VALUE};
      }
      m = UP_TO.matcher(text);
      if (m.find()) {
        return new long[] {0, Long.parseLong(m.group(1))};
      }
      m = ONE.matcher(text);
      if (m.find()) {
        long n = Long.parseLong(m.group(1));
        return new long[] {n, n};
      }
    } catch (NumberFormatException e) {
      return null; // more digits than a long holds: no company is that large
    }
    return null;
  }

  @Override
  public String toString() {
    return min == null ? "up to " + max : max == null ? min + " or more" : min + "-" + max;
  }
}
