package io.leadgate.core;

import java.util.List;

/** The request cannot be read as asked: malformed JSON or encoding, a parameter of the wrong type or range. */
public final class InvalidInput extends DomainException {
  public InvalidInput(String code, String field, String message) {
    super(code, field, message, List.of(), null);
  }

  /** A field with a value it may not have: code {@code invalid_field}. */
  public static InvalidInput field(String field, String message) {
    return new InvalidInput("invalid_field", field, message);
  }
}
