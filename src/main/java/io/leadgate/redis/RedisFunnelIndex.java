package io.leadgate.redis;

import io.leadgate.funnel.FunnelIndex;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/** {@link RedisKeys#funnelMade}: a sorted set per site, lead id by the time it was made ({@code ZADD NX}). */
final class RedisFunnelIndex implements FunnelIndex {
  private final RedisClient redis;

  RedisFunnelIndex(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> made(String site, String leadId, long at) {
    return redis.send("funnel_made", Request.cmd(Command.ZADD).arg(RedisKeys.funnelMade(site)).arg("NX").arg(at)
        .arg(leadId)).mapEmpty();
  }

  @Override
  public Future<List<String>> madeBetween(String site, long fromMs, long toMs, int max) {
    return redis.send("funnel_range", Request.cmd(Command.ZRANGEBYSCORE).arg(RedisKeys.funnelMade(site))
        .arg(fromMs).arg("(" + toMs).arg("LIMIT").arg(0).arg(max)).map(reply -> {
          List<String> ids = new ArrayList<>(reply.size());
          reply.forEach(id -> ids.add(id.toString()));
          return ids;
        });
  }

  @Override
  public Future<Void> remove(String site, String leadId) {
    return redis.send("funnel_remove", Request.cmd(Command.ZREM).arg(RedisKeys.funnelMade(site)).arg(leadId))
        .mapEmpty();
  }
}
