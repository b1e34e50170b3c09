package io.leadgate.core;

import java.util.Locale;
import java.util.Optional;

/** What a visitor did. */
public enum EventType {
  PAGEVIEW, DOWNLOAD, OUTBOUND, CUSTOM, ENGAGEMENT,
  /** A lead-magnet form was submitted (recorded by the forms feature, never accepted from {@code /e}). */
  FORM;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> parse(String label) {
    for (EventType type : values()) {
      if (type.label().equals(label)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Types a browser may send to the collection endpoints. */
  public boolean collectable() {
    return this != FORM;
  }
}
