package io.leadgate.redis;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.LeadDeliveries;
import io.leadgate.webhooks.WebhookStore;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** A lead's webhook deliveries on Redis: every key in the lead's shard, so each call is one slot. */
final class RedisLeadDeliveries implements LeadDeliveries {
  static final LuaScript ERASE = LuaScript.load("wh_erase_lead");
  /** Retained copies deleted per command (one slot: a multi-key DEL is allowed on a cluster). */
  private static final int DEL_CHUNK = 500;
  private final RedisClient redis;

  RedisLeadDeliveries(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<List<String>> receivers(String leadId) {
    return redis.send("wh_receivers", Request.cmd(Command.SMEMBERS).arg(RedisKeys.webhookReceivers(leadId)))
        .map(reply -> {
          List<String> names = new ArrayList<>();
          reply.forEach(r -> names.add(r.toString()));
          names.sort(null);
          return names;
        });
  }

  @Override
  public Future<JsonObject> held(String leadId, long seq, List<String> endpoints) {
    int shard = RedisKeys.leadShard(leadId);
    List<Request> reads = new ArrayList<>();
    for (String endpoint : endpoints) {
      reads.add(Request.cmd(Command.LRANGE).arg(RedisKeys.webhookLeadQueue(endpoint, leadId)).arg(0).arg(-1));
      Request dead = Request.cmd(Command.HMGET).arg(RedisKeys.webhookDead(endpoint, shard));
      for (long s = 1; s <= seq + 1; s++) {
        dead.arg("evt_" + leadId + "_" + s);
      }
      reads.add(dead);
    }
    return redis.batch("wh_held", reads).map(replies -> {
      JsonObject held = new JsonObject();
      for (int i = 0; i < endpoints.size(); i++) {
        JsonArray queued = new JsonArray();
        replies.get(2 * i).forEach(e -> queued.add(envelope(EventCodec.decode(e.toString()))));
        JsonArray dead = new JsonArray();
        for (Response letter : replies.get(2 * i + 1)) {
          if (letter != null) {
            dead.add(letter(WebhookRecords.parseDead(endpoints.get(i), letter.toString())));
          }
        }
        if (!queued.isEmpty() || !dead.isEmpty()) {
          held.put(endpoints.get(i), new JsonObject().put("queued", queued).put("dead", dead));
        }
      }
      return held;
    });
  }

  @Override
  public Future<Void> erase(String leadId, long seq, List<String> endpoints) {
    int shard = RedisKeys.leadShard(leadId);
    List<String> keys = new ArrayList<>(List.of(RedisKeys.outbox(shard), RedisKeys.webhookReceivers(leadId)));
    for (String endpoint : endpoints) {
      keys.addAll(List.of(RedisKeys.webhookLeadQueue(endpoint, leadId), RedisKeys.webhookReady(endpoint, shard),
          RedisKeys.webhookRetry(endpoint, shard), RedisKeys.webhookDead(endpoint, shard),
          RedisKeys.webhookDeadIndex(endpoint, shard)));
    }
    List<Request> deletes = new ArrayList<>();
    Request del = null;
    for (long s = 1; s <= seq + 1; s++) {
      if (del == null || (s - 1) % DEL_CHUNK == 0) {
        del = Request.cmd(Command.DEL);
        deletes.add(del);
      }
      del.arg(RedisKeys.webhookMessage(shard, "evt_" + leadId + "_" + s));
    }
    return redis.eval("wh_erase_lead", ERASE, keys, List.of(leadId, Long.toString(seq),
            WebhookStore.FANOUT_GROUP, RedisKeys.WEBHOOK_SEND_GROUP))
        .compose(v -> redis.batch("wh_erase_messages", deletes))
        .mapEmpty();
  }

  static JsonObject envelope(DomainEvent event) {
    return new JsonObject().put("id", event.id()).put("type", event.type()).put("at", event.at())
        .put("data", event.data());
  }

  static JsonObject letter(DeadLetter letter) {
    return new JsonObject().put("event", envelope(letter.event())).put("attempts", letter.attempts())
        .put("status", letter.status()).put("reason", letter.reason()).put("deadAt", letter.deadAtMs());
  }
}
