package io.leadgate.identity;

import io.vertx.core.Future;
import java.time.LocalDate;

/**
 * The secret of each day that cookieless visitors are hashed with ({@link CookielessIds}). Kept only in the store,
 * never written to a log or sent anywhere, and deleted soon after its day: once it is gone, nobody (the operator
 * included) can tell whether two hashes of that day were the same address and browser as any other.
 */
public interface DailySalts {

  /**
   * The day's salt: random, made by the first caller of the day on any gateway instance, the same for every caller
   * after it, and deleted {@code ttlSeconds} after it was made (a later call makes a new one).
   */
  Future<byte[]> salt(LocalDate day, long ttlSeconds);
}
