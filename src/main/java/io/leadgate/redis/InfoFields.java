package io.leadgate.redis;

/**
 * Reads numbers out of an {@code INFO} reply: lines {@code field:value}, where a value is a number
 * ({@code total_error_replies:12}) or a list of {@code name=number} ({@code errorstat_MOVED:count=3},
 * {@code db0:keys=10,expires=2,avg_ttl=0}). A field the reply lacks reads 0: Redis omits a counter until it counts.
 */
final class InfoFields {
  private InfoFields() {
  }

  static long number(String info, String field) {
    String value = value(info, field);
    return value == null ? 0 : parse(value);
  }

  static long count(String info, String field) {
    return count(info, field, "count");
  }

  static long count(String info, String field, String name) {
    String value = value(info, field);
    if (value == null) {
      return 0;
    }
    for (String part : value.split(",")) {
      if (part.startsWith(name + "=")) {
        return parse(part.substring(name.length() + 1));
      }
    }
    return 0;
  }

  private static String value(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    return null;
  }

  private static long parse(String number) {
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
