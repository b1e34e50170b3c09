package io.leadgate.scoring;

import io.leadgate.config.Check;

/** Rule ids are stored as field names and shown in reasons: short, plain and safe everywhere. */
final class RuleIds {
  private RuleIds() {
  }

  static String check(String id) {
    String value = Check.required(id, "id");
    Check.that(value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"), "id",
        "must be 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit (was \"" + value + "\")");
    return value;
  }
}
