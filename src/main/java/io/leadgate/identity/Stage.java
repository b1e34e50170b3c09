package io.leadgate.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * A lead's lifecycle stage, in funnel order; {@link #DISQUALIFIED} (junk) stands beside the funnel. An anonymous
 * visitor has no stage: it becomes a {@link #SUBSCRIBER} or a {@link #LEAD} by submitting a form.
 */
public enum Stage {
  SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, EVANGELIST, DISQUALIFIED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Stage> parse(String label) {
    for (Stage stage : values()) {
      if (stage.label().equals(label)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }

  /** True when this stage is further down the funnel than {@code other}; disqualified is never ahead or behind. */
  public boolean isAfter(Stage other) {
    return this != DISQUALIFIED && other != DISQUALIFIED && ordinal() > other.ordinal();
  }
}
