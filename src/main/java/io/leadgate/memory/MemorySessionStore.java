package io.leadgate.memory;

import io.leadgate.admin.SessionStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sessions in this process (one instance only: on several instances, use Redis), at most {@value #MAX} at a time. */
final class MemorySessionStore implements SessionStore {
  static final int MAX = 10_000;
  private final Clock clock;
  private final Map<String, Stored> sessions = new HashMap<>();

  private record Stored(Session session, long untilMs) {
  }

  MemorySessionStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<Void> save(String digest, Session session, long ttlMs) {
    long now = clock.millis();
    if (sessions.size() >= MAX) {
      sessions.values().removeIf(s -> s.untilMs() <= now);
    }
    if (sessions.size() >= MAX) {
      // the oldest session gives way: a flood of sign-ins cannot grow memory without bound
      sessions.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(Stored::untilMs)))
          .ifPresent(oldest -> sessions.remove(oldest.getKey()));
    }
    sessions.put(digest, new Stored(session, now + ttlMs));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Optional<Session>> find(String digest) {
    Stored stored = sessions.get(digest);
    if (stored != null && stored.untilMs() <= clock.millis()) {
      sessions.remove(digest);
      stored = null;
    }
    return Future.succeededFuture(Optional.ofNullable(stored).map(Stored::session));
  }

  @Override
  public synchronized Future<Void> delete(String digest) {
    sessions.remove(digest);
    return Future.succeededFuture();
  }
}
