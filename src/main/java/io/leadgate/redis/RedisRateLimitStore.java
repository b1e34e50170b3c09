package io.leadgate.redis;

import io.leadgate.forms.RateLimitStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;

/** Fixed windows: {@code INCR}, then {@code EXPIRE NX} (a key left without TTL by a crash gets it on its next hit). */
final class RedisRateLimitStore implements RateLimitStore {
  private final RedisClient redis;

  RedisRateLimitStore(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Window> hit(String form, String by, String subject, long windowSeconds) {
    String key = RedisKeys.rateLimit(form + ":" + by, subject);
    return redis.batch("rate_limit", List.of(
            Request.cmd(Command.INCR).arg(key),
            Request.cmd(Command.EXPIRE).arg(key).arg(windowSeconds).arg("NX"),
            Request.cmd(Command.TTL).arg(key)))
        .map(replies -> new Window(replies.get(0).toLong(), Math.max(1, replies.get(2).toLong())));
  }

  @Override
  public Future<Void> forget(String form, String by, String subject) {
    return redis.send("rate_limit_forget", Request.cmd(Command.DEL).arg(RedisKeys.rateLimit(form + ":" + by, subject)))
        .mapEmpty();
  }
}
