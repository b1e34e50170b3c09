package io.leadgate.memory;

import io.leadgate.privacy.ErasureStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Erasures, leases and email tombstones in this process. */
final class MemoryErasures implements ErasureStore {
  private final Clock clock;
  private final Map<String, JsonObject> erasures = new LinkedHashMap<>();
  private final Map<String, Long> finishedAt = new LinkedHashMap<>();
  private final Map<String, String[]> leases = new LinkedHashMap<>();
  private final LinkedHashMap<String, Long> tombstones = new LinkedHashMap<>();
  private String key;

  MemoryErasures(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<String> key(String candidate) {
    if (key == null) {
      key = candidate;
    }
    return Future.succeededFuture(key);
  }

  @Override
  public synchronized Future<Void> save(String id, JsonObject erasure, boolean finished) {
    long now = clock.millis();
    finishedAt.entrySet().removeIf(e -> {
      boolean old = e.getValue() + KEEP_DONE_MS <= now;
      if (old) {
        erasures.remove(e.getKey());
      }
      return old;
    });
    erasures.put(id, erasure.copy());
    if (finished) {
      finishedAt.put(id, now);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Optional<JsonObject>> get(String id) {
    return Future.succeededFuture(Optional.ofNullable(erasures.get(id)).map(JsonObject::copy));
  }

  @Override
  public synchronized Future<List<String>> unfinished(int max) {
    // oldest first, as the sorted set on Redis orders them
    return Future.succeededFuture(erasures.entrySet().stream().filter(e -> !finishedAt.containsKey(e.getKey()))
        .sorted(java.util.Comparator.comparingLong((Map.Entry<String, JsonObject> e) ->
            e.getValue().getLong("requestedAt", 0L)).thenComparing(Map.Entry::getKey))
        .limit(max).map(Map.Entry::getKey).toList());
  }

  @Override
  public synchronized Future<Boolean> lease(String name, String owner, long ttlMs) {
    long now = clock.millis();
    String[] held = leases.get(name);
    if (held == null || Long.parseLong(held[1]) <= now || held[0].equals(owner)) {
      leases.put(name, new String[] {owner, Long.toString(now + ttlMs)});
      return Future.succeededFuture(true);
    }
    return Future.succeededFuture(false);
  }

  @Override
  public synchronized Future<Void> tombstone(String emailHash, long atMs) {
    tombstones.remove(emailHash);
    tombstones.put(emailHash, atMs);
    while (tombstones.size() > MAX_EMAIL_TOMBSTONES) {
      tombstones.remove(tombstones.keySet().iterator().next());
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Optional<Long>> erasedAt(String emailHash) {
    return Future.succeededFuture(Optional.ofNullable(tombstones.get(emailHash)));
  }
}
