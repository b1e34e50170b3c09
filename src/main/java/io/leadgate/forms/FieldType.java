package io.leadgate.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The kinds of form field the gateway validates, each with the longest value it accepts unless told otherwise. */
public enum FieldType {
  EMAIL(254), TEXT(256), TEL(32), NUMBER(32), SELECT(256), CHECKBOX(8), HIDDEN(512);

  private final int defaultMaxLength;

  FieldType(int defaultMaxLength) {
    this.defaultMaxLength = defaultMaxLength;
  }

  public int defaultMaxLength() {
    return defaultMaxLength;
  }

  @JsonCreator
  public static FieldType parse(String value) {
    return Arrays.stream(values()).filter(t -> t.label().equals(value)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("must be one of email, text, tel, number, select, checkbox, hidden (was \""
            + value + "\")"));
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
