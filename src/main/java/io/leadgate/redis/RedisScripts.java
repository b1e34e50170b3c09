package io.leadgate.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/** Small shared steps of the webhook stores on Redis. */
final class RedisScripts {
  private RedisScripts() {
  }

  /** One call of a script: its keys and arguments. */
  record Call(List<String> keys, List<String> args) {
  }

  /**
   * Runs a script once per call as one pipelined batch, by SHA; when a server lacks the script (it restarted, or on a
   * cluster the node never had it), sends the batch again by source, which caches it there.
   */
  static Future<List<Response>> batch(RedisClient redis, String operation, LuaScript script, List<Call> calls) {
    if (calls.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis.batch(operation, calls.stream().map(c -> RedisClient.evalsha(script, c.keys(), c.args())).toList())
        .recover(e -> RedisClient.isNoScript(e)
            ? redis.batch(operation, calls.stream().map(c -> RedisClient.evalSource(script, c.keys(), c.args())).toList())
            : Future.failedFuture(e));
  }

  /** {@code XGROUP CREATE key group 0 MKSTREAM}, where a group that exists already is success. */
  static Future<Void> createGroup(RedisClient redis, String key, String group) {
    return redis.send("xgroup", Request.cmd(Command.XGROUP).arg("CREATE").arg(key).arg(group).arg("0").arg("MKSTREAM"))
        .<Void>mapEmpty()
        .recover(e -> EventCodec.isBusyGroup(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }
}
