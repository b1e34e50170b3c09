package io.leadgate.identity;

import io.vertx.core.Future;

/** How often a visitor tried {@code identify}: fixed windows shared by every gateway instance. */
public interface IdentifyAttempts {

  /** Counts one attempt of the visitor in its current window (which starts with its first attempt). */
  /** Erasure: forgets the visitor's attempts. */
  Future<Void> forget(String site, String visitorId);

  Future<Long> count(String site, String visitorId, long windowSeconds);
}
