package io.leadgate.core;

import java.util.List;

/** Too many requests of this kind from this requester; the same request may succeed after {@link #retryAfterSeconds()}. */
public final class RateLimited extends DomainException {
  private final long retryAfterSeconds;

  public RateLimited(String code, String message, long retryAfterSeconds) {
    super(code, null, message, List.of(), null);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
