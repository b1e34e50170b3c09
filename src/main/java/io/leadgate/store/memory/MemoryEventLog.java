package io.leadgate.store.memory;

import io.leadgate.collect.Event;
import io.leadgate.store.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The event log in this process: the same consumer-group semantics as the Redis Streams, nothing on disk. */
final class MemoryEventLog implements EventLog {
  private final Vertx vertx;
  private final Clock clock;
  private final Partition[] partitions;

  MemoryEventLog(Vertx vertx, Clock clock, int partitions) {
    this.vertx = vertx;
    this.clock = clock;
    this.partitions = new Partition[partitions];
    for (int p = 0; p < partitions; p++) {
      this.partitions[p] = new Partition();
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
    Partition log = partitions[partition];
    if (pendingOnly) {
      return Future.succeededFuture(log.pendingOf(consumer, max));
    }
    List<LoggedEvent> fresh = log.deliver(consumer, max, clock.millis());
    if (!fresh.isEmpty() || waitMs <= 0) {
      return Future.succeededFuture(fresh);
    }
    Promise<Void> arrived = Promise.promise();
    log.onAppend(arrived);
    long timer = vertx.setTimer(waitMs, t -> arrived.tryComplete());
    return arrived.future().map(v -> {
      vertx.cancelTimer(timer);
      return log.deliver(consumer, max, clock.millis());
    });
  }

  @Override
  public Future<List<LoggedEvent>> claimStale(int partition, String consumer, long minIdleMs, int max) {
    return Future.succeededFuture(partitions[partition].claim(consumer, clock.millis() - minIdleMs, max, clock.millis()));
  }

  @Override
  public Future<Void> ack(int partition, List<String> entryIds) {
    partitions[partition].ack(entryIds);
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> backlog() {
    long total = 0;
    for (Partition partition : partitions) {
      total += partition.size();
    }
    return Future.succeededFuture(total);
  }

  private static final class Partition {
    private final LinkedHashMap<String, Event> undelivered = new LinkedHashMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<Promise<Void>> waiting = new ArrayList<>();
    private long sequence;

    synchronized void append(Event event) {
      undelivered.put(++sequence + "-0", event);
      waiting.forEach(Promise::tryComplete);
      waiting.clear();
    }

    synchronized void onAppend(Promise<Void> promise) {
      if (!undelivered.isEmpty()) {
        promise.tryComplete();
      } else {
        waiting.add(promise);
      }
    }

    synchronized List<LoggedEvent> deliver(String consumer, int max, long now) {
      List<LoggedEvent> out = new ArrayList<>();
      Iterator<Map.Entry<String, Event>> it = undelivered.entrySet().iterator();
      while (it.hasNext() && out.size() < max) {
        Map.Entry<String, Event> entry = it.next();
        it.remove();
        pending.put(entry.getKey(), new Pending(entry.getValue(), consumer, now));
        out.add(new LoggedEvent(entry.getKey(), entry.getValue()));
      }
      return out;
    }

    synchronized List<LoggedEvent> pendingOf(String consumer, int max) {
      return pending.entrySet().stream().filter(e -> e.getValue().consumer().equals(consumer)).limit(max)
          .map(e -> new LoggedEvent(e.getKey(), e.getValue().event())).toList();
    }

    synchronized List<LoggedEvent> claim(String consumer, long deliveredBefore, int max, long now) {
      List<LoggedEvent> out = new ArrayList<>();
      for (Map.Entry<String, Pending> entry : pending.entrySet()) {
        if (out.size() >= max) {
          break;
        }
        if (entry.getValue().deliveredAt() <= deliveredBefore) {
          entry.setValue(new Pending(entry.getValue().event(), consumer, now));
          out.add(new LoggedEvent(entry.getKey(), entry.getValue().event()));
        }
      }
      return out;
    }

    synchronized void ack(List<String> ids) {
      ids.forEach(pending::remove);
    }

    synchronized long size() {
      return undelivered.size() + pending.size();
    }
  }

  private record Pending(Event event, String consumer, long deliveredAt) {
  }
}
