package io.leadgate.redis;

import io.leadgate.webhooks.DeliveryLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** The delivery log as capped lists ({@code LPUSH}, {@code LTRIM}, {@code PEXPIRE}): one per endpoint, one per lead. */
final class RedisDeliveryLog implements DeliveryLog {
  private final RedisClient redis;

  RedisDeliveryLog(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> record(Attempt attempt, int endpointMax, int leadMax, long ttlMs) {
    String line = attempt.toJson().encode();
    String endpointKey = RedisKeys.webhookLog(attempt.endpoint());
    String leadKey = RedisKeys.webhookLeadLog(attempt.leadId());
    return redis.batch("delivery_log", List.of(
        Request.cmd(Command.LPUSH).arg(endpointKey).arg(line),
        Request.cmd(Command.LTRIM).arg(endpointKey).arg(0).arg(endpointMax - 1),
        Request.cmd(Command.PEXPIRE).arg(endpointKey).arg(ttlMs),
        Request.cmd(Command.LPUSH).arg(leadKey).arg(line),
        Request.cmd(Command.LTRIM).arg(leadKey).arg(0).arg(leadMax - 1),
        Request.cmd(Command.PEXPIRE).arg(leadKey).arg(ttlMs))).mapEmpty();
  }

  @Override
  public Future<List<Attempt>> forEndpoint(String endpoint, int max) {
    return range(RedisKeys.webhookLog(endpoint), max, null);
  }

  @Override
  public Future<List<Attempt>> forLead(String leadId, String endpoint, int max) {
    return range(RedisKeys.webhookLeadLog(leadId), endpoint == null ? max : 10_000, endpoint)
        .map(list -> list.size() > max ? list.subList(0, max) : list);
  }

  private Future<List<Attempt>> range(String key, int max, String endpoint) {
    return redis.send("delivery_log_read", Request.cmd(Command.LRANGE).arg(key).arg(0).arg(max - 1)).map(reply -> {
      List<Attempt> attempts = new ArrayList<>();
      for (Response line : reply) {
        Attempt attempt = Attempt.fromJson(new JsonObject(line.toString()));
        if (endpoint == null || endpoint.equals(attempt.endpoint())) {
          attempts.add(attempt);
        }
      }
      return attempts;
    });
  }

  static final LuaScript FORGET = LuaScript.load("wh_forget_lead_log");

  @Override
  public Future<Void> eraseLead(String endpoint, String leadId) {
    return endpoint == null
        ? redis.send("wh_log_erase", Request.cmd(Command.DEL).arg(RedisKeys.webhookLeadLog(leadId))).mapEmpty()
        : redis.eval("wh_log_erase", FORGET, List.of(RedisKeys.webhookLog(endpoint)), List.of(leadId)).mapEmpty();
  }
}
