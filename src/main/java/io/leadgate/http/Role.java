package io.leadgate.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of {@code /api/*} may do, each role including the one before it: {@code viewer} reads,
 * {@code sales} also changes a lead's stage, {@code admin} may do everything (webhook replay, endpoint enable,
 * scoring reload).
 */
public enum Role {
  VIEWER, SALES, ADMIN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role may do what {@code needed} is required for. */
  public boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  public static Optional<Role> parse(String text) {
    return Arrays.stream(values()).filter(r -> r.label().equals(text)).findFirst();
  }

  public static String labels() {
    return Arrays.stream(values()).map(Role::label).toList().toString();
  }
}
