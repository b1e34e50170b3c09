package io.leadgate.scoring;

import java.util.Locale;

/** The four things sales must know before a lead is sales qualified (BANT). */
public enum Criterion {
  BUDGET, AUTHORITY, NEED, TIMELINE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static java.util.Optional<Criterion> parse(String label) {
    for (Criterion c : values()) {
      if (c.label().equals(label)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }
}
