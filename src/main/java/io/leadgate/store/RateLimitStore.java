package io.leadgate.store;

import io.vertx.core.Future;

/**
 * Fixed-window counters shared by every gateway instance (on Redis: {@code INCR} and {@code EXPIRE NX}), so a
 * limit holds however many instances answer.
 */
public interface RateLimitStore {

  /** Counts one hit on {@code key} in its current window, which starts with the window's first hit. */
  Future<Window> hit(String key, long windowSeconds);

  /** @param count hits in this window, this one included; @param resetsInSeconds until the window ends */
  record Window(long count, long resetsInSeconds) {
  }
}
