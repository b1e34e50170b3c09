package io.leadgate.store.redis;

import io.leadgate.collect.Event;
import io.leadgate.collect.EventJson;
import io.leadgate.store.EventLog;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** The event log as one Redis Stream per partition, read through the {@code projector} consumer group. */
final class RedisEventLog implements EventLog {
  private static final Logger LOG = Logger.getLogger(RedisEventLog.class.getName());
  private final RedisClient redis;
  private final int partitions;

  RedisEventLog(RedisClient redis, int partitions) {
    this.redis = redis;
    this.partitions = partitions;
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public Future<Void> append(List<Event> events) {
    List<Future<Response>> writes = new ArrayList<>(events.size());
    for (Event event : events) {
      int partition = RedisKeys.shard(event.site(), event.visitor()) % partitions;
      writes.add(redis.queue("xadd", Request.cmd(Command.XADD)
          .arg(RedisKeys.ingest(partition)).arg("*").arg("e").arg(EventJson.encode(event))));
    }
    return Future.all(writes).mapEmpty();
  }

  @Override
  public Future<List<LoggedEvent>> read(int partition, String consumer, boolean pendingOnly, int max, long waitMs) {
    Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(RedisKeys.PROJECTOR_GROUP).arg(consumer)
        .arg("COUNT").arg(max);
    if (!pendingOnly && waitMs > 0) {
      read.arg("BLOCK").arg(waitMs);
    }
    read.arg("STREAMS").arg(RedisKeys.ingest(partition)).arg(pendingOnly ? "0" : ">");
    return redis.sendBlocking("xreadgroup", read, pendingOnly ? 0 : waitMs)
        .map(reply -> reply == null || reply.size() == 0 ? List.<LoggedEvent>of() : entries(reply.get(0).get(1)))
        .recover(e -> isNoGroup(e) ? createGroup(partition).map(List.of()) : Future.failedFuture(e));
  }

  @Override
  public Future<List<LoggedEvent>> claimStale(int partition, String consumer, long minIdleMs, int max) {
    Request claim = Request.cmd(Command.XAUTOCLAIM).arg(RedisKeys.ingest(partition)).arg(RedisKeys.PROJECTOR_GROUP)
        .arg(consumer).arg(minIdleMs).arg("0-0").arg("COUNT").arg(max);
    return redis.send("xautoclaim", claim)
        .map(reply -> reply == null || reply.size() < 2 ? List.<LoggedEvent>of() : entries(reply.get(1)))
        .recover(e -> isNoGroup(e) ? createGroup(partition).map(List.of()) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> ack(int partition, List<String> entryIds) {
    if (entryIds.isEmpty()) {
      return Future.succeededFuture();
    }
    String key = RedisKeys.ingest(partition);
    Request ack = Request.cmd(Command.XACK).arg(key).arg(RedisKeys.PROJECTOR_GROUP);
    Request delete = Request.cmd(Command.XDEL).arg(key);
    entryIds.forEach(id -> {
      ack.arg(id);
      delete.arg(id);
    });
    return redis.batch("xack", List.of(ack, delete)).mapEmpty();
  }

  @Override
  public Future<Long> backlog() {
    List<Request> lengths = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      lengths.add(Request.cmd(Command.XLEN).arg(RedisKeys.ingest(p)));
    }
    return redis.batch("xlen", lengths).map(replies -> replies.stream().mapToLong(Response::toLong).sum());
  }

  /** Creates the consumer group of every partition; a group that exists is left as it is. */
  Future<Void> createGroups() {
    List<Future<Void>> creates = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      creates.add(createGroup(p));
    }
    return Future.all(creates).mapEmpty();
  }

  private Future<Void> createGroup(int partition) {
    // from 0, not $: entries appended after a restart of Redis but before this call are still projected
    Request create = Request.cmd(Command.XGROUP).arg("CREATE").arg(RedisKeys.ingest(partition))
        .arg(RedisKeys.PROJECTOR_GROUP).arg("0").arg("MKSTREAM");
    return redis.send("xgroup", create).<Void>mapEmpty()
        .recover(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(e));
  }

  private static boolean isNoGroup(Throwable e) {
    return String.valueOf(e.getMessage()).contains("NOGROUP");
  }

  private static List<LoggedEvent> entries(Response list) {
    List<LoggedEvent> events = new ArrayList<>(list.size());
    for (Response entry : list) {
      String id = entry.get(0).toString();
      Response fields = entry.get(1);
      if (fields == null || fields.size() < 2) {
        continue; // deleted after it was delivered: nothing left to project
      }
      try {
        events.add(new LoggedEvent(id, EventJson.decode(fields.get(1).toString())));
      } catch (IllegalArgumentException e) {
        LOG.warning("skipping unreadable log entry " + id + ": " + e.getMessage());
        events.add(new LoggedEvent(id, null));
      }
    }
    return events;
  }
}
