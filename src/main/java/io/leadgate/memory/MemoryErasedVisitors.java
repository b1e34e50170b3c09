package io.leadgate.memory;

import io.leadgate.collect.ErasedVisitors;
import io.leadgate.core.Shards;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** Visitor tombstones in this process, per shard, bounded as on Redis. */
final class MemoryErasedVisitors implements ErasedVisitors {
  private final List<LinkedHashMap<String, Long>> shards = new ArrayList<>();

  MemoryErasedVisitors() {
    for (int s = 0; s < Shards.COUNT; s++) {
      shards.add(new LinkedHashMap<>());
    }
  }

  @Override
  public synchronized Future<Void> add(int shard, String hash, long atMs, long keepMs) {
    LinkedHashMap<String, Long> tombs = shards.get(shard);
    tombs.remove(hash);
    tombs.put(hash, atMs);
    tombs.values().removeIf(at -> at < atMs - keepMs);
    while (tombs.size() > MAX_PER_SHARD) {
      tombs.remove(tombs.keySet().iterator().next());
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Set<String>> present(int shard, Collection<String> hashes) {
    Set<String> found = new HashSet<>(hashes);
    found.retainAll(shards.get(shard).keySet());
    return Future.succeededFuture(found);
  }
}
