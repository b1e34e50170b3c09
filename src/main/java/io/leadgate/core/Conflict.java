package io.leadgate.core;

import java.util.List;

/** The request is valid but the gateway's state does not allow it (reloading rules it did not read from a file). */
public final class Conflict extends DomainException {
  public Conflict(String code, String message) {
    super(code, null, message, List.of(), null);
  }
}
