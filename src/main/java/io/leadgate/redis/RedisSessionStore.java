package io.leadgate.redis;

import io.leadgate.admin.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Optional;

/** One string key per session ({@link RedisKeys#session}), its JSON, expiring with the session ({@code SET PX}). */
final class RedisSessionStore implements SessionStore {
  private final RedisClient redis;

  RedisSessionStore(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> save(String digest, Session session, long ttlMs) {
    String value = new JsonObject().put("user", session.user()).put("csrf", session.csrf())
        .put("expiresAt", session.expiresAtMs()).encode();
    return redis.send("session_save", Request.cmd(Command.SET).arg(RedisKeys.session(digest)).arg(value)
        .arg("PX").arg(Math.max(1, ttlMs))).mapEmpty();
  }

  @Override
  public Future<Optional<Session>> find(String digest) {
    return redis.send("session_find", Request.cmd(Command.GET).arg(RedisKeys.session(digest))).map(reply -> {
      if (reply == null) {
        return Optional.empty();
      }
      JsonObject json = new JsonObject(reply.toString());
      return Optional.of(new Session(json.getString("user"), json.getString("csrf"), json.getLong("expiresAt")));
    });
  }

  @Override
  public Future<Void> delete(String digest) {
    return redis.send("session_delete", Request.cmd(Command.DEL).arg(RedisKeys.session(digest))).mapEmpty();
  }
}
