package io.leadgate.http;

/**
 * A request the gateway refuses, with what the client should know: the status, a stable code, a message for
 * people and, where one field is at fault, its name. {@link ErrorHandler} turns it into the JSON problem body.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  public ApiException(int status, String code, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
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
}
