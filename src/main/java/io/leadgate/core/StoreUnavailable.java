package io.leadgate.core;

import java.util.List;

/** The store did not answer (Redis down, timed out or refusing writes): the request may be retried later. */
public final class StoreUnavailable extends DomainException {
  public StoreUnavailable(String message, Throwable cause) {
    super("store_unavailable", null, message, List.of(), cause);
  }
}
