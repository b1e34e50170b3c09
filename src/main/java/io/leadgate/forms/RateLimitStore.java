package io.leadgate.forms;

import io.vertx.core.Future;

/**
 * Fixed-window counters shared by every gateway instance (on Redis: {@code INCR} and {@code EXPIRE NX}), so a
 * limit holds however many instances answer.
 */
public interface RateLimitStore {

  /**
   * Counts one hit in its current window, which starts with the window's first hit.
   *
   * @param form    the form whose limit it is
   * @param by      what the limit counts by ({@code ip}, {@code email})
   * @param subject who is counted: a keyed hash standing for the address, never the address itself
   */
  /** Erasure: forgets the subject's current window. */
  Future<Void> forget(String form, String by, String subject);

  Future<Window> hit(String form, String by, String subject, long windowSeconds);

  /** @param count hits in this window, this one included; @param resetsInSeconds until the window ends */
  record Window(long count, long resetsInSeconds) {
  }
}
