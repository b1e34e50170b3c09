package io.leadgate.redis;

import io.leadgate.privacy.ErasureStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Erasures, leases and email tombstones under the {@code {pv}} tag (one slot: erasures are rare). */
final class RedisErasures implements ErasureStore {
  private final RedisClient redis;

  RedisErasures(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<String> key(String candidate) {
    return redis.send("privacy_key", Request.cmd(Command.SET).arg(RedisKeys.privacyKey()).arg(candidate).arg("NX")
        .arg("GET")).map(owner -> owner == null ? candidate : owner.toString());
  }

  @Override
  public Future<Void> save(String id, JsonObject erasure, boolean finished) {
    Request set = Request.cmd(Command.SET).arg(RedisKeys.erasure(id)).arg(erasure.encode());
    if (finished) {
      set.arg("PX").arg(KEEP_DONE_MS);
    }
    Request open = finished ? Request.cmd(Command.ZREM).arg(RedisKeys.erasuresOpen()).arg(id)
        : Request.cmd(Command.ZADD).arg(RedisKeys.erasuresOpen()).arg("NX")
            .arg(erasure.getLong("requestedAt", 0L)).arg(id);
    return redis.batch("erasure_save", List.of(set, open)).mapEmpty();
  }

  @Override
  public Future<Optional<JsonObject>> get(String id) {
    return redis.send("erasure_get", Request.cmd(Command.GET).arg(RedisKeys.erasure(id)))
        .map(reply -> Optional.ofNullable(reply).map(r -> new JsonObject(r.toString())));
  }

  @Override
  public Future<List<String>> unfinished(int max) {
    return redis.send("erasures_open", Request.cmd(Command.ZRANGE).arg(RedisKeys.erasuresOpen()).arg(0).arg(max - 1))
        .map(reply -> {
          List<String> ids = new ArrayList<>();
          reply.forEach(r -> ids.add(r.toString()));
          return ids;
        });
  }

  @Override
  public Future<Boolean> lease(String name, String owner, long ttlMs) {
    String key = RedisKeys.privacyLease(name);
    return redis.send("privacy_lease", Request.cmd(Command.SET).arg(key).arg(owner).arg("NX").arg("PX").arg(ttlMs))
        .compose(set -> set != null ? Future.succeededFuture(true)
            : redis.send("privacy_lease", Request.cmd(Command.GET).arg(key))
                .compose(held -> held == null || !owner.equals(held.toString()) ? Future.succeededFuture(false)
                    // held already: renewed, so a long erasure keeps its lease step after step
                    : redis.send("privacy_lease", Request.cmd(Command.PEXPIRE).arg(key).arg(ttlMs)).map(true)));
  }

  @Override
  public Future<Void> tombstone(String emailHash, long atMs) {
    String key = RedisKeys.emailTombstones();
    return redis.batch("email_tombstone", List.of(Request.cmd(Command.ZADD).arg(key).arg(atMs).arg(emailHash),
        Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(0).arg(-(MAX_EMAIL_TOMBSTONES + 1)))).mapEmpty();
  }

  @Override
  public Future<Optional<Long>> erasedAt(String emailHash) {
    return redis.send("email_tombstone", Request.cmd(Command.ZSCORE).arg(RedisKeys.emailTombstones()).arg(emailHash))
        .map(score -> Optional.ofNullable(score).map(s -> s.toDouble().longValue()));
  }
}
