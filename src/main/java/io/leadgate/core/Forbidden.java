package io.leadgate.core;

import java.util.List;

/** The requester is known (or needs no identity) but may not do this: an origin not allowed, an expired link. */
public final class Forbidden extends DomainException {
  public Forbidden(String code, String message) {
    super(code, null, message, List.of(), null);
  }
}
