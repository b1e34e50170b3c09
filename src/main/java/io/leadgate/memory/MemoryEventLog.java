package io.leadgate.memory;

import io.leadgate.core.Event;
import io.leadgate.collect.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/** The event log in this process: the same consumer-group semantics as the Redis Streams, nothing on disk. */
final class MemoryEventLog implements EventLog {
  private final Vertx vertx;
  private final Clock clock;
  private final MemoryStream<Event>[] partitions;

  MemoryEventLog(Vertx vertx, Clock clock, int partitions) {
    this.vertx = vertx;
    this.clock = clock;
    this.partitions = MemoryStream.array(partitions);
    for (int p = 0; p < partitions; p++) {
      this.partitions[p] = new MemoryStream<>();
    }
  }

  @Override
  public int partitions() {
    return partitions.length;
  }

  @Override
  public Future<Void> append(List<Event> events) {
    for (Event event : events) {
      int partition = Math.floorMod(event.visitor().hashCode(), partitions.length);
      partitions[partition].append(event);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<LoggedEvent>> read(int partition, String consumer, boolean pendingOnly, int max, long waitMs) {
    MemoryStream<Event> log = partitions[partition];
    if (pendingOnly) {
      return Future.succeededFuture(logged(log.pendingOf(consumer, max)));
    }
    List<LoggedEvent> fresh = logged(log.deliver(consumer, max, clock.millis()));
    if (!fresh.isEmpty() || waitMs <= 0) {
      return Future.succeededFuture(fresh);
    }
    Promise<Void> arrived = Promise.promise();
    log.onAppend(arrived);
    long timer = vertx.setTimer(waitMs, t -> arrived.tryComplete());
    return arrived.future().map(v -> {
      vertx.cancelTimer(timer);
      return logged(log.deliver(consumer, max, clock.millis()));
    });
  }

  @Override
  public Future<List<LoggedEvent>> claimStale(int partition, String consumer, long minIdleMs, int max) {
    return Future.succeededFuture(logged(partitions[partition].claim(consumer, clock.millis() - minIdleMs, max,
        clock.millis())));
  }

  @Override
  public Future<Void> ack(int partition, List<String> entryIds) {
    partitions[partition].ack(entryIds);
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> backlog() {
    long total = 0;
    for (MemoryStream<Event> partition : partitions) {
      total += partition.size();
    }
    return Future.succeededFuture(total);
  }

  private static List<LoggedEvent> logged(List<MemoryStream.Entry<Event>> entries) {
    return entries.stream().map(e -> new LoggedEvent(e.id(), e.value())).toList();
  }
}
