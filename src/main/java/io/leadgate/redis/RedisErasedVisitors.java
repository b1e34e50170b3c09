package io.leadgate.redis;

import io.leadgate.collect.ErasedVisitors;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Visitor tombstones: a sorted set per shard ({@link RedisKeys#erasedVisitors}), hash scored by erasure time. */
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
  public Future<Set<String>> present(int shard, Collection<String> hashes) {
    List<String> asked = new ArrayList<>(hashes);
    Request request = Request.cmd(Command.ZMSCORE).arg(RedisKeys.erasedVisitors(shard));
    asked.forEach(request::arg);
    return redis.send("erased_present", request).map(reply -> {
      Set<String> found = new HashSet<>();
      for (int i = 0; i < asked.size(); i++) {
        if (reply.get(i) != null) {
          found.add(asked.get(i));
        }
      }
      return found;
    });
  }
}
