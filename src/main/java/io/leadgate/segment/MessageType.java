package io.leadgate.segment;

import java.util.Locale;
import java.util.Optional;

/** The calls of the Segment spec that the gateway takes, each at {@code /v1/<label>} and in a batch. */
enum MessageType {
  TRACK, PAGE, SCREEN, IDENTIFY, GROUP, ALIAS;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<MessageType> parse(String label) {
    for (MessageType type : values()) {
      if (type.label().equals(label)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
