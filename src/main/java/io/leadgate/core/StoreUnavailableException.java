package io.leadgate.core;

/** The store did not answer (Redis down, timed out or refusing writes): the request may be retried later. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
