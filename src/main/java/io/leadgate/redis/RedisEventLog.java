package io.leadgate.redis;

import io.leadgate.core.Event;
import io.leadgate.core.EventJson;
import io.leadgate.collect.EventLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The event log as one Redis Stream per partition, read through the {@code projector} consumer group. An entry
 * holds events of one partition that one event loop received together (see {@link EntryPacker}), one JSON
 * text per line, and a count kept beside the stream says how many events wait for projection.
 */
final class RedisEventLog implements EventLog {
  static final LuaScript ACK = LuaScript.load("log_ack");
  private static final Logger LOG = Logger.getLogger(RedisEventLog.class.getName());
  private final RedisClient redis;
  private final int partitions;
  private final String packerKey = "leadgate.packer." + System.identityHashCode(this);

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
    Context context = Vertx.currentContext();
    EntryPacker packer = context == null ? new EntryPacker(null, partitions, this::write) : context.get(packerKey);
    if (packer == null) {
      packer = new EntryPacker(context, partitions, this::write);
      context.put(packerKey, packer);
    }
    for (Event event : events) {
      packer.add(RedisKeys.shard(event.site(), event.visitor()) % partitions, event);
    }
    return packer.written();
  }

  /**
   * One entry and its count, as a transaction in this tick's pipeline. MULTI/EXEC rather than a script: a script
   * call cost Redis 20 µs more per entry than the two commands it ran.
   */
  private Future<Response> write(EntryPacker.Entry entry) {
    return redis.queueTogether("log_append", List.of(
        Request.cmd(Command.MULTI),
        Request.cmd(Command.XADD).arg(RedisKeys.ingest(entry.partition())).arg("*")
            .arg("n").arg(entry.count()).arg("e").arg(entry.lines()),
        Request.cmd(Command.INCRBY).arg(RedisKeys.ingestWaiting(entry.partition())).arg(entry.count()),
        Request.cmd(Command.EXEC)));
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
    List<String> args = new ArrayList<>();
    args.add(RedisKeys.PROJECTOR_GROUP);
    // the events of one entry share its id: each entry once, with how many events it held
    Map<String, Integer> events = new LinkedHashMap<>();
    entryIds.forEach(id -> events.merge(id, 1, Integer::sum));
    events.forEach((id, n) -> {
      args.add(id);
      args.add(String.valueOf(n));
    });
    return redis.eval("xack", ACK, List.of(RedisKeys.ingest(partition), RedisKeys.ingestWaiting(partition)), args)
        .mapEmpty();
  }

  /** The count of waiting events, or the entries when that is higher (entries written before counting began). */
  @Override
  public Future<Long> backlog() {
    List<Request> lengths = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      lengths.add(Request.cmd(Command.GET).arg(RedisKeys.ingestWaiting(p)));
      lengths.add(Request.cmd(Command.XLEN).arg(RedisKeys.ingest(p)));
    }
    return redis.batch("xlen", lengths).map(replies -> {
      long total = 0;
      for (int i = 0; i < replies.size(); i += 2) {
        long counted = replies.get(i) == null ? 0 : replies.get(i).toLong();
        total += Math.max(counted, replies.get(i + 1).toLong());
      }
      return total;
    });
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
      String lines = EventCodec.fields(entry.get(1)).get("e");
      if (lines == null) {
        continue; // deleted after it was delivered: nothing left to project
      }
      for (String line : lines.split("\n")) {
        events.add(new LoggedEvent(id, decode(id, line)));
      }
    }
    return events;
  }

  private static Event decode(String entryId, String line) {
    try {
      return EventJson.decode(line);
    } catch (IllegalArgumentException e) {
      LOG.warning("skipping an unreadable event in log entry " + entryId + ": " + e.getMessage());
      return null;
    }
  }
}
