package io.leadgate.redis;

import io.leadgate.core.StoreUnavailable;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.logging.Logger;

/**
 * Makes a write durable before the gateway answers 2xx. On a cluster or behind sentinels (replicated modes) it sends
 * the write with {@code WAIT 1 <timeout>} on the same connection: a master that dies after answering has passed the
 * write to a replica, the one that takes over. A {@code WAIT} covers every earlier write on that master, whichever
 * connection sent it (the replication stream is in order); no replica within the time: 503. On one server it
 * sends the write sends it with {@code WAITAOF 1 0 <timeout>} on one
 * on one connection, where the server supports it (Redis 7.2+ with {@code appendonly yes}). The AOF is written in order,
 * so once this last write is fsynced every earlier write of the request is too, whichever connection sent it.
 *
 * <p>Support is detected once, from {@code INFO}; an older server or one without AOF gets the plain write, and
 * what it can still lose is documented in docs/forms.md.
 */
final class AofBarrier {
  private static final Logger LOG = Logger.getLogger(AofBarrier.class.getName());
  private final RedisClient redis;
  private final long waitMs;
  private final boolean replicated;
  private volatile Boolean supported;

  AofBarrier(RedisClient redis, long timeoutMs, boolean replicated) {
    this.redis = redis;
    this.waitMs = Math.max(10, timeoutMs / 2);
    this.replicated = replicated;
  }

  /**
   * Runs a script durably: in replicated modes its write reaches a replica before the answer (its NOSCRIPT fallback
   * by source too); on one server as {@link RedisClient#eval}, the request's last write ({@link #durably}) covering it.
   */
  Future<Response> eval(String operation, LuaScript script, List<String> keys, List<String> args) {
    if (!replicated) {
      return redis.eval(operation, script, keys, args);
    }
    return onReplica(operation, RedisClient.evalsha(script, keys, args))
        .recover(e -> RedisClient.isNoScript(e)
            ? onReplica(operation, RedisClient.evalSource(script, keys, args)) : Future.failedFuture(e));
  }

  /** Sends a write that must survive a failover in replicated modes; on one server a plain send. */
  Future<Response> replicated(String operation, Request write) {
    return replicated ? onReplica(operation, write) : redis.send(operation, write);
  }

  private Future<Response> onReplica(String operation, Request write) {
    return redis.batch(operation, List.of(write, Request.cmd(Command.WAIT).arg(1).arg(waitMs)))
        .compose(replies -> replies.get(1).toLong() >= 1 ? Future.succeededFuture(replies.get(0))
            : Future.failedFuture(new StoreUnavailable(
                "no replica acknowledged the write within " + waitMs + " ms", null)));
  }

  /** Sends the write and, where supported, waits for it to reach the disk (or, replicated, a replica). */
  Future<Void> durably(String operation, Request write) {
    if (replicated) {
      return onReplica(operation, write).mapEmpty();
    }
    return supported().compose(waits -> {
      if (!waits) {
        return redis.send(operation, write).mapEmpty();
      }
      return redis.batch(operation, List.of(write, Request.cmd(Command.WAITAOF).arg(1).arg(0).arg(waitMs)))
          .compose(replies -> fsynced(replies.get(1)) ? Future.<Void>succeededFuture()
              : Future.<Void>failedFuture(new StoreUnavailable(
                  "redis did not fsync the AOF within " + waitMs + " ms", null)))
          .recover(e -> {
            if (!isRefusal(e)) {
              return Future.failedFuture(e);
            }
            supported = false;
            LOG.warning("Redis refused WAITAOF (" + e.getMessage() + "); answers no longer wait for the AOF fsync");
            return redis.send(operation, write).mapEmpty();
          });
    });
  }

  private Future<Boolean> supported() {
    Boolean known = supported;
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return redis.send("info", Request.cmd(Command.INFO)).map(info -> {
      boolean waits = supportsWaitAof(info.toString());
      if (supported == null) {
        supported = waits;
        if (waits) {
          LOG.info("Redis supports WAITAOF: form answers wait for the AOF fsync");
        } else {
          LOG.warning("Redis " + field(info.toString(), "redis_version") + " (aof_enabled:"
              + field(info.toString(), "aof_enabled") + ") has no WAITAOF: a form's 2xx relies on the server's "
              + "appendfsync policy (see docs/forms.md, durability)");
        }
      }
      return waits;
    });
  }

  /** WAITAOF needs Redis 7.2 or later with the AOF on. */
  static boolean supportsWaitAof(String info) {
    String version = field(info, "redis_version");
    if (version == null || !"1".equals(field(info, "aof_enabled"))) {
      return false;
    }
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > 7 || (major == 7 && minor >= 2);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static boolean fsynced(Response reply) {
    return reply != null && reply.size() > 0 && reply.get(0).toLong() >= 1;
  }

  private static boolean isRefusal(Throwable e) {
    String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    return message.contains("WAITAOF") || message.contains("unknown command") || message.contains("appendonly");
  }
}
