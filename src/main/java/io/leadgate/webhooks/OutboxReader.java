package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * The reading side of the {@link Outbox}: consumer groups over the shard streams, so that every gateway instance
 * takes a share and an instance that dies leaves its entries to be claimed by the others.
 *
 * <p>Trimming rule: an outbox entry is deleted once every consumer group on its stream has acknowledged it
 * ({@link #trim}); entries some group has not yet read or acknowledged are kept, however old.
 *
 * <p>The in-memory outbox has a single group (whatever the name) and drops an entry as soon as it is acknowledged.
 */
public interface OutboxReader {

  /** New entries of every shard for {@code consumer}, at most {@code maxPerShard} each, waiting up to {@code waitMs}. */
  Future<List<OutboxEntry>> read(String group, String consumer, int maxPerShard, long waitMs);

  /** Entries handed to a consumer more than {@code minIdleMs} ago and not acknowledged, now handed to {@code consumer}. */
  Future<List<OutboxEntry>> claimStale(String group, String consumer, long minIdleMs, int maxPerShard);

  Future<Void> ack(String group, int shard, List<String> entryIds);

  /** Entries not yet acknowledged by {@code group}, over all shards (read by nobody yet, or in flight). */
  Future<Long> backlog(String group);

  /** Deletes what every group has acknowledged (see the trimming rule); completes with the number deleted. */
  Future<Long> trim();

  /**
   * One outbox entry.
   *
   * @param event the event, or null when the entry cannot be read (it is acknowledged and skipped)
   */
  record OutboxEntry(int shard, String entryId, DomainEvent event) {
  }
}
