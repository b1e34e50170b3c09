package io.leadgate.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Which of many per-shard streams got work, for readers on a Redis Cluster, where one {@code XREADGROUP} cannot wait
 * on streams of different hash slots. A writer that added to a shard's stream appends the stream's name to a small
 * hint stream (one slot, capped); a reader waits on that one stream with a blocking {@code XREAD} and then reads only
 * the named shards. So an idle reader costs one blocked call, whatever the number of shards.
 *
 * <p>A hint is written after the work, not with it (the work's script must stay in its shard's slot), so it can be
 * lost: the writer dies in between, or the hint's node is down. Readers therefore also sweep every shard now and then
 * ({@link #FULL_SWEEP_MS}): a lost hint delays that work by at most that long, it never loses it.
 */
final class ShardHints {
  /** How often a reader reads every shard whatever the hints say. */
  static final long FULL_SWEEP_MS = 10_000;
  /** Hints kept: enough for readers that fall a little behind; one that falls further does a full sweep. */
  static final int KEPT = 10_000;
  private static final Logger LOG = Logger.getLogger(ShardHints.class.getName());
  private final RedisClient redis;
  private final String key;
  private final Set<String> carried = new LinkedHashSet<>();
  private String lastId = "0-0";
  private long sweptAt;
  private List<String> swept = List.of();

  ShardHints(RedisClient redis, String key) {
    this.redis = redis;
    this.key = key;
  }

  /** Tells the readers that {@code stream} has work; a failure is only logged (the full sweep covers it). */
  void hint(String stream) {
    redis.send("hint", Request.cmd(Command.XADD).arg(key).arg("MAXLEN").arg("~").arg(KEPT).arg("*").arg("k")
            .arg(stream))
        .onFailure(e -> LOG.fine("hint for " + stream + " not written: " + e.getMessage()));
  }

  /**
   * The streams to read now: all of them when a full sweep is due (by time, or because the reader now asks about
   * other streams than before: a hint read for one set is not kept for another), else those hinted since the last call (waiting
   * up to {@code waitMs} for one) and those a previous read left work in ({@link #carry}). When the hints cannot be
   * read (their node is down), all of them after a short pause, so the other shards go on.
   */
  Future<Set<String>> next(List<String> all, long waitMs) {
    long now = System.currentTimeMillis();
    if (now - sweptAt >= FULL_SWEEP_MS || !all.equals(swept)) {
      sweptAt = now;
      swept = List.copyOf(all);
      carried.clear();
      // from the newest hint now: whatever is written after it is hinted, what was before is swept
      return newestId().map(id -> {
        lastId = id;
        return (Set<String>) new LinkedHashSet<>(all);
      }).recover(e -> Future.succeededFuture(new LinkedHashSet<>(all)));
    }
    Set<String> streams = new LinkedHashSet<>(carried);
    carried.clear();
    return read(streams.isEmpty() ? waitMs : 0)
        .map(hinted -> {
          streams.addAll(hinted);
          return streams;
        })
        .recover(e -> redis.vertx().timer(RedisClient.SWEEP_IDLE_MS).map(t -> new LinkedHashSet<>(all)));
  }

  private Future<String> newestId() {
    return redis.send("hints_newest", Request.cmd(Command.XREVRANGE).arg(key).arg("+").arg("-").arg("COUNT").arg(1))
        .map(reply -> reply == null || reply.size() == 0 ? "0-0" : reply.get(0).get(0).toString());
  }

  /** A stream whose read came back full: read it again next time without waiting for a hint. */
  void carry(String stream) {
    carried.add(stream);
  }

  private Future<Set<String>> read(long waitMs) {
    Request read = Request.cmd(Command.XREAD).arg("COUNT").arg(KEPT);
    if (waitMs > 0) {
      read.arg("BLOCK").arg(waitMs);
    }
    read.arg("STREAMS").arg(key).arg(lastId);
    return redis.sendBlocking("hints", read, Math.max(0, waitMs)).map(reply -> {
      Set<String> streams = new LinkedHashSet<>();
      if (reply != null) {
        for (Response stream : reply) {
          for (Response entry : stream.get(1)) {
            lastId = entry.get(0).toString();
            String hinted = EventCodec.fields(entry.get(1)).get("k");
            if (hinted != null) {
              streams.add(hinted);
            }
          }
        }
      }
      return streams;
    });
  }
}
