package io.leadgate.collect;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import java.util.Optional;

/**
 * The snippet's {@code leadgate('consent', 'granted' | 'denied')}, told to the gateway when it changes what is
 * allowed: the custom event {@code consent} with the boolean property {@code granted}. It is not tracking: intake
 * records it on the visitor's lead (if it is one) and acts on the visitor cookie, and it never enters the event log.
 */
public final class ConsentAnswer {
  public static final String EVENT = "consent";

  private ConsentAnswer() {
  }

  /** Whether the event grants (true) or withdraws (false) consent; empty for any other event. */
  public static Optional<Boolean> of(Event event) {
    if (event.type() != EventType.CUSTOM || !EVENT.equals(event.name())) {
      return Optional.empty();
    }
    return Optional.of(Boolean.TRUE.equals(event.props().get("granted")));
  }
}
