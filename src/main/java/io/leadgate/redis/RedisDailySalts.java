package io.leadgate.redis;

import io.leadgate.identity.DailySalts;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * One string key per day ({@link RedisKeys#salt}): the first instance of the day sets it ({@code SET NX EX}), every
 * instance reads the one that won. Redis deletes it when its time is up.
 */
final class RedisDailySalts implements DailySalts {
  private final SecureRandom random = new SecureRandom();
  private final RedisClient redis;

  RedisDailySalts(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<byte[]> salt(LocalDate day, long ttlSeconds) {
    byte[] candidate = new byte[32];
    random.nextBytes(candidate);
    String key = RedisKeys.salt(day);
    return redis.send("salt_claim", Request.cmd(Command.SET).arg(key).arg(HexFormat.of().formatHex(candidate))
            .arg("NX").arg("EX").arg(ttlSeconds))
        .compose(v -> redis.send("salt_read", Request.cmd(Command.GET).arg(key)))
        .map(reply -> {
          if (reply == null) {
            throw new IllegalStateException("the salt of " + day + " was deleted as it was made");
          }
          return HexFormat.of().parseHex(reply.toString());
        });
  }
}
