package io.leadgate.collect;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;

/**
 * Tombstones of erased visitors: a keyed hash of {@code site/visitorId} per visitor, kept per virtual shard (one
 * Redis Cluster slot each), so the projector can drop events that arrive after the erasure (a snippet's retries).
 * A form submission's join lifts a tombstone (identity's {@code LeadStore.linkVisitor}, in the same store step as
 * the join): the lift is kept beside it, as the member {@code HASH + }{@link #LIFTED}. Bounded: tombstones and lifts
 * are kept {@code keepMs} after they were written and at most {@link #MAX_PER_SHARD} per shard (the oldest go first).
 */
public interface ErasedVisitors {
  /** Entries kept per shard: 64 shards x 100,000 = 6.4 million at most, about 0.6 GB on Redis. */
  int MAX_PER_SHARD = 100_000;

  /** What follows a tombstone's hash in the member that records its lift. */
  String LIFTED = ":lifted";

  /**
   * A visitor's tombstone.
   *
   * @param erasedAt when the visitor was (last) erased
   * @param liftedAt when a form submission lifted it, or 0; a lift older than {@code erasedAt} was a lift of an
   *                 earlier erasure and counts for nothing
   */
  record Tombstone(long erasedAt, long liftedAt) {
  }

  /** Adds the tombstone, or moves its erasure time to {@code atMs} (and drops those of its shard older than {@code keepMs}). */
  Future<Void> add(int shard, String hash, long atMs, long keepMs);

  /** The tombstones among the given hashes (of one shard), by hash; the others are absent. */
  Future<Map<String, Tombstone>> find(int shard, Collection<String> hashes);
}
