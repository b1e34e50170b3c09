package io.leadgate.core;

import java.util.List;

/** The request carries no credentials, or wrong ones, for a guarded resource (the API key of {@code /api/}). */
public final class Unauthorized extends DomainException {
  public Unauthorized(String code, String message) {
    super(code, null, message, List.of(), null);
  }
}
