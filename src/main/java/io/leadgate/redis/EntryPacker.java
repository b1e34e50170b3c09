package io.leadgate.redis;

import io.leadgate.core.Event;
import io.leadgate.core.EventJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Packs the events one event loop appends to the log into one entry per partition: those of one tick, and, while
 * {@value #MAX_IN_FLIGHT} writes are in flight, all that arrive until one is answered (a group commit). Under load
 * a tick holds tens of requests and a write's round trip several ticks, and one log write per batch instead of one
 * per event is most of what the log costs Redis, in commands and in what its AOF holds. Lives on its context only,
 * so it needs no locks. The requests written together succeed or fail together, like a pipelined batch: a request
 * answered with a failure is retried by its client, and projection de-duplicates by event id.
 */
final class EntryPacker {
  /** Bounds an entry, and so the work one log entry brings to a projector's round. */
  static final int MAX_PER_ENTRY = 32;
  /**
   * Writes in flight at once. One makes the fewest entries, but then the event loop idles while each write is
   * answered and intake becomes a round-trip relay; two keep it busy and the entries nearly as full.
   */
  static final int MAX_IN_FLIGHT = 2;

  /** One log entry to write: events of one partition, one JSON text (UTF-8) per line. */
  record Entry(int partition, int count, byte[] lines) {
  }

  private final Context context;
  private final Function<Entry, Future<?>> writer;
  private final ByteArrayOutputStream[] open;
  private final int[] openCount;
  private List<Entry> closed = new ArrayList<>();
  private List<Promise<Void>> waiting = new ArrayList<>();
  private boolean flushScheduled;
  private int inFlight;

  /** @param context the event loop whose events are packed; null to write each call's events at once */
  EntryPacker(Context context, int partitions, Function<Entry, Future<?>> writer) {
    this.context = context;
    this.writer = writer;
    this.open = new ByteArrayOutputStream[partitions];
    this.openCount = new int[partitions];
  }

  /** Adds one event to the open entry of its partition. */
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
   * Completes once the events added before this call are written. They go at the end of this tick, or, when
   * {@value #MAX_IN_FLIGHT} writes are in flight, as soon as one is answered. Without a context (a caller outside
   * any event loop) there is no tick to share, and the entries are written at once.
   */
  Future<Void> written() {
    Promise<Void> promise = Promise.promise();
    waiting.add(promise);
    if (context == null) {
      flush();
    } else if (inFlight < MAX_IN_FLIGHT && !flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> {
        flushScheduled = false;
        flush();
      });
    }
    return promise.future();
  }

  private void close(int partition) {
    closed.add(new Entry(partition, openCount[partition], open[partition].toByteArray()));
    open[partition] = null;
    openCount[partition] = 0;
  }

  private void flush() {
    if (waiting.isEmpty()) {
      return;
    }
    for (int p = 0; p < open.length; p++) {
      if (openCount[p] > 0) {
        close(p);
      }
    }
    List<Entry> entries = closed;
    List<Promise<Void>> told = waiting;
    closed = new ArrayList<>();
    waiting = new ArrayList<>();
    if (context != null) {
      inFlight++;
    }
    List<Future<?>> writes = new ArrayList<>(entries.size());
    entries.forEach(entry -> writes.add(writer.apply(entry)));
    Future.all(writes).onComplete(done -> {
      told.forEach(promise -> {
        if (done.succeeded()) {
          promise.complete();
        } else {
          promise.fail(done.cause());
        }
      });
      if (context != null) {
        // what arrived meanwhile goes now, on the packer's own event loop
        context.runOnContext(v -> {
          inFlight--;
          flush();
        });
      }
    });
  }
}
