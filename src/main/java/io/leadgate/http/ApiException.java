package io.leadgate.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the gateway refuses, with what the client should know: the status, a stable code, a message for
 * people and, where one field is at fault, its name. {@link ErrorHandler} turns it into the JSON problem body.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final Map<String, String> errors;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String field, String message) {
    this(status, code, field, message, null, 0);
  }

  private ApiException(int status, String code, String field, String message, Map<String, String> errors,
                       long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.errors = errors == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A form with fields in error: {@code 422 {"errors": {"email": "must be a valid email address"}}}. */
  public static ApiException invalidFields(Map<String, String> errors) {
    return new ApiException(422, "invalid_fields", null, "some fields are not valid", errors, 0);
  }

  /** Too many requests: {@code 429} with {@code Retry-After}; the client may try again after that. */
  public static ApiException tooManyRequests(String code, String message, long retryAfterSeconds) {
    return new ApiException(429, code, null, message, null, Math.max(1, retryAfterSeconds));
  }

  public static ApiException badRequest(String code, String field, String message) {
    return new ApiException(400, code, field, message);
  }

  public static ApiException invalidField(String field, String message) {
    return new ApiException(400, "invalid_field", field, message);
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(403, code, null, message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, null, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  /** Errors by field, for {@link #invalidFields}; else null. */
  public Map<String, String> errors() {
    return errors;
  }

  /** Seconds the client should wait before retrying; 0 when not said. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
