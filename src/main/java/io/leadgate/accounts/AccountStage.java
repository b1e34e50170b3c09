package io.leadgate.accounts;

import java.util.Locale;
import java.util.Optional;

/** An account's stage: {@code none} until its score reaches {@code engaged}, then {@code qualified} (an MQA). */
public enum AccountStage {
  NONE, ENGAGED, QUALIFIED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AccountStage> parse(String label) {
    for (AccountStage stage : values()) {
      if (stage.label().equals(label)) {
        return Optional.of(stage);
      }
    }
    return Optional.empty();
  }
}
