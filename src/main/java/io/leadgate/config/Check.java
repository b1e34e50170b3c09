package io.leadgate.config;

import java.util.Collection;

/** Argument checks for configuration records; each failure names the field and what was given. */
public final class Check {
  private Check() {
  }

  public static void that(boolean condition, String field, String message) {
    if (!condition) {
      throw new ConfigException(field, message);
    }
  }

  public static String required(String value, String field) {
    that(value != null && !value.isBlank(), field, "is required");
    return value.strip();
  }

  public static int range(int value, int min, int max, String field) {
    that(value >= min && value <= max, field, "must be between " + min + " and " + max + " (was " + value + ")");
    return value;
  }

  public static long range(long value, long min, long max, String field) {
    that(value >= min && value <= max, field, "must be between " + min + " and " + max + " (was " + value + ")");
    return value;
  }

  public static <T> void unique(Collection<T> values, String field) {
    that(values.size() == values.stream().distinct().count(), field, "must not repeat a value (was " + values + ")");
  }
}
