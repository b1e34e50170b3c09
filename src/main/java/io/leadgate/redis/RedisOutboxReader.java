package io.leadgate.redis;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.OutboxReader;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the outbox shard streams through consumer groups: on one server one {@code XREADGROUP} over all the shards'
 * streams (so one blocked connection waits for any of them), on a cluster one read per shard, since the streams
 * live in different hash slots; {@code XAUTOCLAIM} for what a silent consumer left, and the trimming
 * rule of {@link OutboxReader} as a script ({@code stream_tidy}).
 */
final class RedisOutboxReader implements OutboxReader {
  static final LuaScript TIDY = LuaScript.load("stream_tidy");
  private static final Logger LOG = Logger.getLogger(RedisOutboxReader.class.getName());
  /** A consumer that has had nothing pending for a day is forgotten (consumers are named per process start). */
  static final long FORGET_CONSUMER_MS = 24 * 3600_000L;
  private final RedisClient redis;
  private final List<String> keys = new ArrayList<>();
  private final ShardHints hints;

  RedisOutboxReader(RedisClient redis) {
    this.redis = redis;
    this.hints = new ShardHints(redis, RedisKeys.hints("outbox"));
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      keys.add(RedisKeys.outbox(s));
    }
  }

  @Override
  public Future<List<OutboxEntry>> read(String group, String consumer, int maxPerShard, long waitMs) {
    if (redis.cluster()) {
      return sweep(group, consumer, maxPerShard, waitMs);
    }
    Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(group).arg(consumer).arg("COUNT").arg(maxPerShard);
    if (waitMs > 0) {
      read.arg("BLOCK").arg(waitMs);
    }
    read.arg("STREAMS");
    keys.forEach(read::arg);
    keys.forEach(k -> read.arg(">"));
    return redis.sendBlocking("outbox_read", read, Math.max(0, waitMs))
        .map(this::entries)
        .recover(e -> EventCodec.isNoGroup(e) ? createGroups(group).map(List.of()) : Future.failedFuture(e));
  }

  /**
   * On a cluster the shards' streams are in different hash slots: one read per shard, only of the shards hinted to
   * have entries (see {@link ShardHints}), so an idle reader waits on one blocked call.
   */
  private Future<List<OutboxEntry>> sweep(String group, String consumer, int maxPerShard, long waitMs) {
    return hints.next(keys, waitMs).compose(streams -> {
      List<Request> reads = new ArrayList<>();
      for (String key : streams) {
        reads.add(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(group).arg(consumer).arg("COUNT").arg(maxPerShard)
            .arg("STREAMS").arg(key).arg(">"));
      }
      return redis.batch("outbox_read", reads);
    }).map(replies -> {
      List<OutboxEntry> out = new ArrayList<>();
      for (Response reply : replies) {
        List<OutboxEntry> read = entries(reply);
        if (read.size() >= maxPerShard) {
          hints.carry(RedisKeys.outbox(read.get(0).shard()));
        }
        out.addAll(read);
      }
      return out;
    }).recover(e -> EventCodec.isNoGroup(e) ? createGroups(group).map(List.of()) : Future.failedFuture(e));
  }

  /** After a write to a shard's outbox: wakes the readers on a cluster (see {@link ShardHints}). */
  void written(String leadId) {
    if (redis.cluster()) {
      hints.hint(RedisKeys.outboxOf(leadId));
    }
  }

  @Override
  public Future<List<OutboxEntry>> claimStale(String group, String consumer, long minIdleMs, int maxPerShard) {
    List<Request> claims = new ArrayList<>();
    for (String key : keys) {
      claims.add(Request.cmd(Command.XAUTOCLAIM).arg(key).arg(group).arg(consumer).arg(minIdleMs).arg("0-0")
          .arg("COUNT").arg(maxPerShard));
    }
    return redis.batch("outbox_claim", claims)
        .map(replies -> {
          List<OutboxEntry> out = new ArrayList<>();
          for (int s = 0; s < replies.size(); s++) {
            Response reply = replies.get(s);
            if (reply != null && reply.size() >= 2) {
              addEntries(s, reply.get(1), out);
            }
          }
          return out;
        })
        .recover(e -> EventCodec.isNoGroup(e) ? createGroups(group).map(List.of()) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> ack(String group, int shard, List<String> entryIds) {
    if (entryIds.isEmpty()) {
      return Future.succeededFuture();
    }
    Request ack = Request.cmd(Command.XACK).arg(RedisKeys.outbox(shard)).arg(group);
    entryIds.forEach(ack::arg);
    return redis.send("outbox_ack", ack).mapEmpty();
  }

  @Override
  public Future<Long> backlog(String group) {
    List<Request> infos = new ArrayList<>();
    keys.forEach(k -> infos.add(Request.cmd(Command.EVAL).arg(GROUP_BACKLOG).arg(1).arg(k).arg(group)));
    return redis.batch("outbox_backlog", infos).map(replies -> replies.stream().mapToLong(Response::toLong).sum());
  }

  /** Pending plus not yet read ({@code lag}, known since Redis 7) of one group; 0 when the stream or group is missing. */
  private static final String GROUP_BACKLOG = """
      local groups = redis.pcall('XINFO', 'GROUPS', KEYS[1])
      if type(groups) ~= 'table' or groups['err'] then return 0 end
      for _, g in ipairs(groups) do
        local info = {}
        for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
        if info['name'] == ARGV[1] then
          local lag = tonumber(info['lag']) or 0
          return tonumber(info['pending']) + lag
        end
      end
      return 0
      """;

  @Override
  public Future<Long> trim() {
    List<RedisScripts.Call> tidies = new ArrayList<>();
    keys.forEach(k -> tidies.add(new RedisScripts.Call(List.of(k),
        List.of("1", Long.toString(FORGET_CONSUMER_MS), io.leadgate.webhooks.WebhookStore.FANOUT_GROUP))));
    return RedisScripts.batch(redis, "outbox_trim", TIDY, tidies)
        .map(replies -> replies.stream().mapToLong(Response::toLong).sum());
  }

  /** Creates the group on every shard stream, from the start of the stream; a group that exists is left alone. */
  Future<Void> createGroups(String group) {
    List<Future<Void>> creates = new ArrayList<>();
    for (String key : keys) {
      creates.add(RedisScripts.createGroup(redis, key, group));
    }
    return Future.all(creates).mapEmpty();
  }

  private List<OutboxEntry> entries(Response reply) {
    List<OutboxEntry> out = new ArrayList<>();
    if (reply == null) {
      return out;
    }
    for (Response stream : reply) {
      int shard = keys.indexOf(stream.get(0).toString());
      addEntries(shard, stream.get(1), out);
    }
    return out;
  }

  private static void addEntries(int shard, Response list, List<OutboxEntry> out) {
    if (list == null) {
      return;
    }
    for (Response entry : list) {
      if (entry == null) {
        continue;
      }
      String id = entry.get(0).toString();
      Map<String, String> fields = EventCodec.fields(entry.get(1));
      DomainEvent event = null;
      if (!fields.isEmpty()) {
        try {
          event = DomainEvent.fromFields(fields);
          if (event.id() == null || event.leadId() == null || event.type() == null) {
            throw new IllegalArgumentException("id, lead and type are required");
          }
        } catch (RuntimeException e) {
          LOG.warning("skipping unreadable outbox entry " + RedisKeys.outbox(shard) + " " + id + ": " + e.getMessage());
          event = null;
        }
      }
      out.add(new OutboxEntry(shard, id, event));
    }
  }
}
