package io.leadgate.redis;

import io.leadgate.privacy.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** The audit log as one stream ({@link RedisKeys#audit}), {@code MAXLEN ~} {@link #MAX_ENTRIES}; positions are ids. */
final class RedisAuditLog implements AuditLog {
  private final RedisClient redis;

  RedisAuditLog(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> append(JsonObject entry) {
    return redis.send("audit_append", Request.cmd(Command.XADD).arg(RedisKeys.audit()).arg("MAXLEN").arg("~")
        .arg(MAX_ENTRIES).arg("*").arg("e").arg(entry.encode())).mapEmpty();
  }

  @Override
  public Future<List<JsonObject>> page(String before, int limit) {
    return redis.send("audit_page", Request.cmd(Command.XREVRANGE).arg(RedisKeys.audit())
        .arg(before == null ? "+" : "(" + before).arg("-").arg("COUNT").arg(limit)).map(reply -> {
          List<JsonObject> entries = new ArrayList<>();
          for (Response entry : reply) {
            Response fields = entry.get(1);
            for (int i = 0; i + 1 < fields.size(); i += 2) {
              if ("e".equals(fields.get(i).toString())) {
                entries.add(new JsonObject(fields.get(i + 1).toString()).put("position", entry.get(0).toString()));
              }
            }
          }
          return entries;
        });
  }
}
