package io.leadgate.core;

import java.util.List;

/**
 * The request is well formed but its values break the rules: a form's fields, a stage that does not exist, a
 * configuration that does not validate. Several fields at fault are all reported, in {@link #fields()}.
 */
public final class Unprocessable extends DomainException {
  public Unprocessable(String code, String field, String message) {
    super(code, field, message, List.of(), null);
  }

  private Unprocessable(String code, String message, List<FieldError> fields) {
    super(code, fields.isEmpty() ? null : fields.get(0).field(), message, fields, null);
  }

  /** Several problems under one code and message, each field with its own; the first field named as {@code field}. */
  public static Unprocessable of(String code, String message, List<FieldError> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("name at least one field in error");
    }
    return new Unprocessable(code, message, fields);
  }

  /** Fields in error, each with its message: code {@code invalid_fields}, the first field named as {@code field}. */
  public static Unprocessable fields(List<FieldError> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("name at least one field in error");
    }
    return new Unprocessable("invalid_fields", fields.size() == 1 ? fields.get(0).message()
        : fields.size() + " fields are not valid", fields);
  }
}
