package io.leadgate.memory;

import io.leadgate.identity.DailySalts;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** The days' salts in this process, each dropped {@code ttlSeconds} after it was made (by the clock). */
final class MemoryDailySalts implements DailySalts {
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<LocalDate, Stored> salts = new HashMap<>();

  private record Stored(byte[] salt, long untilMs) {
  }

  MemoryDailySalts(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<byte[]> salt(LocalDate day, long ttlSeconds) {
    long now = clock.millis();
    salts.values().removeIf(stored -> stored.untilMs() <= now);
    Stored stored = salts.computeIfAbsent(day, d -> {
      byte[] salt = new byte[32];
      random.nextBytes(salt);
      return new Stored(salt, now + ttlSeconds * 1000);
    });
    return Future.succeededFuture(stored.salt().clone());
  }
}
