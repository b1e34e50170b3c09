package io.leadgate.store.redis;

import io.leadgate.collect.Event;
import io.leadgate.collect.EventJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Packs the events one event loop appends to the log in one tick into one entry per partition, and writes
 * those entries once the tick's other work is done. Under load a tick holds tens of requests, and one log
 * write per tick instead of one per event is most of what the log costs Redis. Lives on its context only, so
 * it needs no locks. The tick's requests succeed or fail together, like a pipelined batch: a request answered
 * with a failure is retried by its client, and projection de-duplicates by event id.
 */
final class TickPacker {
  /** Bounds an entry, and so the work one log entry brings to a projector's round. */
  static final int MAX_PER_ENTRY = 32;

  /** One log entry to write: events of one partition, one JSON text (UTF-8) per line. */
  record Entry(int partition, int count, byte[] lines) {
  }

  private final Context context;
  private final Function<Entry, Future<?>> writer;
  private final ByteArrayOutputStream[] open;
  private final int[] openCount;
  private List<Entry> closed = new ArrayList<>();
  private List<Promise<Void>> waiting = new ArrayList<>();

  /** @param context the event loop whose ticks are packed; null to write each call's events at once */
  TickPacker(Context context, int partitions, Function<Entry, Future<?>> writer) {
    this.context = context;
    this.writer = writer;
    this.open = new ByteArrayOutputStream[partitions];
    this.openCount = new int[partitions];
  }

  /** Adds one event to this tick's entry of its partition. */
  void add(int partition, Event event) {
    if (openCount[partition] == 0) {
      open[partition] = new ByteArrayOutputStream(2048);
    } else {
      open[partition].write('\n');
    }
    EventJson.encodeTo(event, open[partition]);
    if (++openCount[partition] == MAX_PER_ENTRY) {
      close(partition);
    }
  }

  /**
   * Completes once every entry of this tick is written, the events added before this call included. Without a
   * context (a caller outside any event loop) there is no tick to share, and the entries are written at once.
   */
  Future<Void> written() {
    Promise<Void> promise = Promise.promise();
    if (waiting.isEmpty() && context != null) {
      context.runOnContext(v -> flush());
    }
    waiting.add(promise);
    if (context == null) {
      flush();
    }
    return promise.future();
  }

  private void close(int partition) {
    closed.add(new Entry(partition, openCount[partition], open[partition].toByteArray()));
    open[partition] = null;
    openCount[partition] = 0;
  }

  private void flush() {
    for (int p = 0; p < open.length; p++) {
      if (openCount[p] > 0) {
        close(p);
      }
    }
    List<Entry> writing = closed;
    List<Promise<Void>> told = waiting;
    closed = new ArrayList<>();
    waiting = new ArrayList<>();
    List<Future<?>> writes = new ArrayList<>(writing.size());
    writing.forEach(entry -> writes.add(writer.apply(entry)));
    Future.all(writes).onComplete(done -> told.forEach(promise -> {
      if (done.succeeded()) {
        promise.complete();
      } else {
        promise.fail(done.cause());
      }
    }));
  }
}
