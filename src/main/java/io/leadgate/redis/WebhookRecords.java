package io.leadgate.redis;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.leadgate.webhooks.WebhookStore.Job;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** How webhook jobs and dead letters are written in Redis: a ready line's entries and the dead letters' JSON. */
final class WebhookRecords {
  private static final Logger LOG = Logger.getLogger(RedisWebhookStore.class.getName());

  private WebhookRecords() {
  }

  static void addJobs(String endpoint, int shard, Response list, List<Job> out) {
    if (list == null) {
      return;
    }
    for (Response entry : list) {
      if (entry == null) {
        continue;
      }
      String id = entry.get(0).toString();
      Map<String, String> fields = EventCodec.fields(entry.get(1));
      if (fields.isEmpty()) {
        continue; // settled and deleted while it was being claimed
      }
      try {
        out.add(new Job(endpoint, shard, id, EventCodec.decode(fields.get("event")),
            Integer.parseInt(fields.getOrDefault("attempt", "1"))));
      } catch (RuntimeException e) {
        LOG.warning("unreadable webhook job " + RedisKeys.webhookReady(endpoint, shard) + " " + id + ": " + e.getMessage());
      }
    }
  }

  static String deadJson(DeadLetter letter) {
    DomainEvent event = letter.event();
    return new JsonObject().put("id", event.id()).put("lead", event.leadId()).put("type", event.type())
        .put("event", EventCodec.encode(event)).put("attempts", letter.attempts()).put("status", letter.status())
        .put("reason", letter.reason()).put("deadAt", letter.deadAtMs()).encode();
  }

  static DeadLetter parseDead(String endpoint, String json) {
    JsonObject letter = new JsonObject(json);
    return new DeadLetter(endpoint, EventCodec.decode(letter.getString("event")), letter.getInteger("attempts", 0),
        letter.getInteger("status", 0), letter.getString("reason"), letter.getLong("deadAt", 0L));
  }
}
