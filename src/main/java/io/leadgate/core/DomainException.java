package io.leadgate.core;

import java.util.List;

/**
 * A request the gateway refuses, said in the domain's words: a stable {@code code} for programs, a message for
 * people and, where one field is at fault, its name; several faulty fields are listed in {@link #fields()}.
 * Services and parsers throw the subclasses; the HTTP layer maps each to its status in one place
 * ({@code io.leadgate.http.ErrorHandler}). No stack trace: these are answers, not bugs.
 */
public abstract sealed class DomainException extends RuntimeException
    permits InvalidInput, Unprocessable, UnsupportedFormat, NotFound, Conflict, Forbidden, Unauthorized, RateLimited,
    StoreUnavailable {
  private final String code;
  private final String field;
  private final List<FieldError> fields;

  DomainException(String code, String field, String message, List<FieldError> fields, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
    this.field = field;
    this.fields = List.copyOf(fields);
  }

  public String code() {
    return code;
  }

  /** The field at fault, as a path in the request ({@code email}, {@code [2].url}); null when none is. */
  public String field() {
    return field;
  }

  /** Every field at fault when there are several (a form's validation); else empty. */
  public List<FieldError> fields() {
    return fields;
  }
}
