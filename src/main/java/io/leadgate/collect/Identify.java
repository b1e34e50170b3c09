package io.leadgate.collect;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The snippet's {@code leadgate('identify', {email})}: a custom event named {@code identify} whose {@code email}
 * property names the person. The email is used once, to find an existing lead and join the visitor to it
 * ({@link IdentifyListener}), and is never kept on the visitor: its timeline entry has every other property.
 */
public final class Identify {
  public static final String EVENT = "identify";
  public static final String EMAIL = "email";

  private Identify() {
  }

  /** The email an identify event carries, as sent. */
  public static Optional<String> email(Event event) {
    if (event.type() != EventType.CUSTOM || !EVENT.equals(event.name())) {
      return Optional.empty();
    }
    return event.props().get(EMAIL) instanceof String email ? Optional.of(email) : Optional.empty();
  }

  /** The properties recorded on the visitor: all of them, except the email of an identify event. */
  public static Map<String, Object> keptProps(Event event) {
    if (email(event).isEmpty()) {
      return event.props();
    }
    Map<String, Object> kept = new HashMap<>(event.props());
    kept.remove(EMAIL);
    return kept;
  }
}
