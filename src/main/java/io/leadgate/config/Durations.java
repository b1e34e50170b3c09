package io.leadgate.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in the configuration: {@code 250ms}, {@code 15s}, {@code 5m}, {@code 2h}, {@code 5d}. */
public final class Durations {
  private static final Pattern TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {
  }

  /**
   * @param text  the value from the file, or null
   * @param field the field, for the error message
   * @param fallback the value when {@code text} is null
   * @throws ConfigException when the text is not a number followed by ms, s, m, h or d
   */
  public static Duration parse(String text, String field, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Matcher m = TEXT.matcher(text.strip());
    Check.that(m.matches(), field, "must be a number followed by ms, s, m, h or d, like 15s (was \"" + text + "\")");
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** The shortest of the texts {@link #parse} accepts for this duration ({@code 90s}, {@code 5m}, {@code 0s}). */
  public static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  /** Checks {@code min <= value <= max} with a message that names the field and shows the values as written. */
  public static Duration range(Duration value, Duration min, Duration max, String field) {
    Check.that(value.compareTo(min) >= 0 && value.compareTo(max) <= 0, field,
        "must be between " + format(min) + " and " + format(max) + " (was " + format(value) + ")");
    return value;
  }
}
