package io.leadgate.redis;

import io.leadgate.collect.ErasedVisitors;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Visitor tombstones: a sorted set per shard ({@link RedisKeys#erasedVisitors}), hash scored by erasure time and
 * {@code hash:lifted} by the time a form lifted it (written by {@code link_visitor.lua}).
 */
final class RedisErasedVisitors implements ErasedVisitors {
  private final RedisClient redis;

  RedisErasedVisitors(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> add(int shard, String hash, long atMs, long keepMs) {
    String key = RedisKeys.erasedVisitors(shard);
    return redis.batch("erased_add", List.of(
        Request.cmd(Command.ZADD).arg(key).arg(atMs).arg(hash),
        Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf").arg("(" + (atMs - keepMs)),
        Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(0).arg(-(MAX_PER_SHARD + 1)))).mapEmpty();
  }

  @Override
  public Future<Map<String, Tombstone>> find(int shard, Collection<String> hashes) {
    List<String> asked = new ArrayList<>(hashes);
    Request request = Request.cmd(Command.ZMSCORE).arg(RedisKeys.erasedVisitors(shard));
    asked.forEach(hash -> request.arg(hash).arg(hash + LIFTED));
    return redis.send("erased_present", request).map(reply -> {
      Map<String, Tombstone> found = new HashMap<>();
      for (int i = 0; i < asked.size(); i++) {
        Response erased = reply.get(2 * i);
        if (erased != null) {
          Response lifted = reply.get(2 * i + 1);
          found.put(asked.get(i), new Tombstone(erased.toDouble().longValue(),
              lifted == null ? 0 : lifted.toDouble().longValue()));
        }
      }
      return found;
    });
  }
}
