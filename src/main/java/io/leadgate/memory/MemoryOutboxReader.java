package io.leadgate.memory;

import io.leadgate.core.DomainEvent;
import io.leadgate.core.Shards;
import io.leadgate.webhooks.OutboxReader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the in-memory outbox. There is one group whatever the name (the in-memory store serves one process), an
 * acknowledged entry is gone at once (nothing to trim), and "idle" is measured on the monotonic clock, as Redis
 * measures it on its own, so tests that move the gateway's clock forward do not make work look abandoned.
 */
final class MemoryOutboxReader implements OutboxReader {
  private final Vertx vertx;
  private final MemoryOutbox outbox;

  MemoryOutboxReader(Vertx vertx, MemoryOutbox outbox) {
    this.vertx = vertx;
    this.outbox = outbox;
  }

  static long monotonicMs() {
    return System.nanoTime() / 1_000_000;
  }

  @Override
  public Future<List<OutboxEntry>> read(String group, String consumer, int maxPerShard, long waitMs) {
    List<OutboxEntry> fresh = deliver(consumer, maxPerShard);
    if (!fresh.isEmpty() || waitMs <= 0) {
      return Future.succeededFuture(fresh);
    }
    Context context = Vertx.currentContext();
    Promise<Void> arrived = Promise.promise();
    for (int s = 0; s < Shards.COUNT; s++) {
      outbox.shard(s).onAppend(arrived);
    }
    long timer = vertx.setTimer(waitMs, t -> arrived.tryComplete());
    Promise<List<OutboxEntry>> result = Promise.promise();
    arrived.future().onComplete(v -> {
      vertx.cancelTimer(timer);
      for (int s = 0; s < Shards.COUNT; s++) {
        outbox.shard(s).forget(arrived);
      }
      // the appender's thread completed the promise: continue on the reader's own event loop
      Runnable deliver = () -> result.complete(deliver(consumer, maxPerShard));
      if (context == null) {
        deliver.run();
      } else {
        context.runOnContext(x -> deliver.run());
      }
    });
    return result.future();
  }

  @Override
  public Future<List<OutboxEntry>> claimStale(String group, String consumer, long minIdleMs, int maxPerShard) {
    long now = monotonicMs();
    List<OutboxEntry> out = new ArrayList<>();
    for (int s = 0; s < Shards.COUNT; s++) {
      for (MemoryStream.Entry<DomainEvent> e : outbox.shard(s).claim(consumer, now - minIdleMs, maxPerShard, now)) {
        out.add(new OutboxEntry(s, e.id(), e.value()));
      }
    }
    return Future.succeededFuture(out);
  }

  @Override
  public Future<Void> ack(String group, int shard, List<String> entryIds) {
    outbox.shard(shard).ack(entryIds);
    return Future.succeededFuture();
  }

  @Override
  public Future<Long> backlog(String group) {
    long total = 0;
    for (int s = 0; s < Shards.COUNT; s++) {
      total += outbox.shard(s).size();
    }
    return Future.succeededFuture(total);
  }

  @Override
  public Future<Long> trim() {
    return Future.succeededFuture(0L);
  }

  private List<OutboxEntry> deliver(String consumer, int maxPerShard) {
    List<OutboxEntry> out = new ArrayList<>();
    long now = monotonicMs();
    for (int s = 0; s < Shards.COUNT; s++) {
      for (MemoryStream.Entry<DomainEvent> e : outbox.shard(s).deliver(consumer, maxPerShard, now)) {
        out.add(new OutboxEntry(s, e.id(), e.value()));
      }
    }
    return out;
  }
}
