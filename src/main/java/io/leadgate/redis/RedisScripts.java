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

  /**
   * Sends a pipelined batch that runs scripts by SHA; when the server has lost them (it restarted), loads them and
   * sends the batch again.
   */
  static Future<List<Response>> batch(RedisClient redis, String operation, List<LuaScript> scripts,
                                      List<Request> requests) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis.batch(operation, requests)
        .recover(e -> RedisClient.isNoScript(e)
            ? redis.loadScripts(scripts).compose(v -> redis.batch(operation, requests))
            : Future.failedFuture(e));
  }

  /** {@code XGROUP CREATE key group 0 MKSTREAM}, where a group that exists already is success. */
  static Future<Void> createGroup(RedisClient redis, String key, String group) {
    return redis.send("xgroup", Request.cmd(Command.XGROUP).arg("CREATE").arg(key).arg(group).arg("0").arg("MKSTREAM"))
        .<Void>mapEmpty()
        .recover(e -> EventCodec.isBusyGroup(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }
}
