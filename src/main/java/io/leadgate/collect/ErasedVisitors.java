package io.leadgate.collect;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Set;

/**
 * Tombstones of erased visitors: a keyed hash of {@code site/visitorId} per visitor, kept per virtual shard (one
 * Redis Cluster slot each), so the projector can drop events that arrive after the erasure (a snippet's retries).
 * Bounded: a tombstone is kept {@code keepMs} after its erasure and at most {@link #MAX_PER_SHARD} per shard (the
 * oldest go first).
 */
public interface ErasedVisitors {
  /** Tombstones kept per shard: 64 shards x 100,000 = 6.4 million erased visitors at most, about 0.6 GB on Redis. */
  int MAX_PER_SHARD = 100_000;

  /** Adds the tombstone (and drops those of its shard older than {@code keepMs}). */
  Future<Void> add(int shard, String hash, long atMs, long keepMs);

  /** Which of the given hashes (by shard) have a tombstone. */
  Future<Set<String>> present(int shard, Collection<String> hashes);
}
