package io.leadgate.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.leadgate.identity.Stage;
import java.util.Arrays;
import java.util.Locale;

/** What a form offers, and so what its submitter becomes: a newsletter makes a subscriber, the rest a lead. */
public enum FormKind {
  NEWSLETTER, MAGNET, WEBINAR, DEMO, CONTACT;

  @JsonCreator
  public static FormKind parse(String value) {
    return Arrays.stream(values()).filter(k -> k.label().equals(value)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("must be one of newsletter, magnet, webinar, demo, contact (was \"" + value + "\")"));
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Stage stage() {
    return this == NEWSLETTER ? Stage.SUBSCRIBER : Stage.LEAD;
  }
}
