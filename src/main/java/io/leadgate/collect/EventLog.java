package io.leadgate.collect;

import io.leadgate.core.Event;
import io.leadgate.core.StoreUnavailable;
import io.vertx.core.Future;
import java.util.List;

/**
 * The durable log between intake and projection. Intake appends and answers the browser as soon as the
 * log holds the events; projectors (one per gateway instance, all in one consumer group) read, project and
 * acknowledge. An entry read but never acknowledged (its instance died) is claimed back by another reader.
 */
public interface EventLog {

  int partitions();

  /** Completes once the store holds every event; fails with {@link StoreUnavailable} otherwise. */
  Future<Void> append(List<Event> events);

  /**
   * Entries for {@code consumer}: with {@code pendingOnly} the ones it was given but has not acknowledged
   * (after a failed round), otherwise new ones, waiting up to {@code waitMs} for some to arrive.
   */
  Future<List<LoggedEvent>> read(int partition, String consumer, boolean pendingOnly, int max, long waitMs);

  /** Takes over entries another consumer was given more than {@code minIdleMs} ago and never acknowledged. */
  Future<List<LoggedEvent>> claimStale(int partition, String consumer, long minIdleMs, int max);

  /**
   * Acknowledges and forgets projected entries: {@code entryIds} holds one id per event read, so an entry's id as
   * often as it held events (the events a backlog count goes down by).
   */
  Future<Void> ack(int partition, List<String> entryIds);

  /** Entries appended but not yet acknowledged, over all partitions. */
  Future<Long> backlog();

  /** One entry: its id in the log and the event. */
  record LoggedEvent(String entryId, Event event) {
  }
}
