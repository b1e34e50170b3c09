package io.leadgate.memory;

import io.leadgate.collect.ErasedVisitors;
import io.leadgate.core.Shards;
import io.leadgate.identity.LeadStore.Lift;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Visitor tombstones in this process, per shard, bounded as on Redis: each shard's entries (tombstones and lifts) in
 * the order they were written, oldest first.
 */
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
  public synchronized Future<Map<String, Tombstone>> find(int shard, Collection<String> hashes) {
    LinkedHashMap<String, Long> tombs = shards.get(shard);
    Map<String, Tombstone> found = new HashMap<>();
    for (String hash : hashes) {
      Long erased = tombs.get(hash);
      if (erased != null) {
        found.put(hash, new Tombstone(erased, tombs.getOrDefault(hash + LIFTED, 0L)));
      }
    }
    return Future.succeededFuture(found);
  }

  /**
   * Joins a visitor for a form and lifts its tombstone in one step, as {@code link_visitor.lua} does: no erasure's
   * tombstone comes in between. Lifted only when the visitor has a tombstone older than the joined lead, and only
   * the first time after its erasure.
   */
  synchronized void joinAndLift(int shard, Lift lift, Runnable join) {
    join.run();
    LinkedHashMap<String, Long> tombs = shards.get(shard);
    Long erased = tombs.get(lift.tombstone());
    if (erased == null || erased > lift.leadCreatedAt()) {
      return;
    }
    String member = lift.tombstone() + LIFTED;
    Long lifted = tombs.get(member);
    if (lifted == null || lifted < erased) {
      tombs.remove(member);
      tombs.put(member, lift.at());
    }
  }
}
