package io.leadgate.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Erasures and their progress, shared by every gateway instance: a running erasure is a document saved after each
 * step, so one interrupted by a crash or an outage is finished later by any instance ({@link ErasureRunner}).
 */
public interface ErasureStore {
  /** Finished erasures are kept this long (their progress stays readable), then forgotten. */
  long KEEP_DONE_MS = 90L * 24 * 3600 * 1000;
  /** Email tombstones kept at most (the oldest go first). */
  int MAX_EMAIL_TOMBSTONES = 1_000_000;

  /**
   * The key of the privacy hashes: the one stored, or {@code candidate} when none is (stored then, once for every
   * instance: the first to start wins).
   */
  Future<String> key(String candidate);

  /** Saves the erasure's document; an unfinished one is listed by {@link #unfinished}, a finished one expires. */
  Future<Void> save(String id, JsonObject erasure, boolean finished);

  Future<Optional<JsonObject>> get(String id);

  /** Ids of erasures not finished yet, oldest first. */
  Future<List<String>> unfinished(int max);

  /**
   * A lease of {@code ttlMs} on a named job (an erasure, the retention sweep of a site and day), so that one instance
   * at a time does it: true when {@code owner} holds it now (taken now, or held already).
   */
  Future<Boolean> lease(String name, String owner, long ttlMs);

  /** Remembers that the person behind an email hash was erased (kept as {@link #MAX_EMAIL_TOMBSTONES} allow). */
  Future<Void> tombstone(String emailHash, long atMs);

  /** When the person behind an email hash was erased, if a tombstone is kept. */
  Future<Optional<Long>> erasedAt(String emailHash);
}
