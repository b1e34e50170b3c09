package io.leadgate.memory;

import io.leadgate.core.DomainEvent;
import io.leadgate.core.Shards;
import io.leadgate.webhooks.LeadDeliveries;
import io.leadgate.webhooks.LeadErasure;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;

/** A lead's webhook deliveries in this process: read and erased under the webhook store's lock. */
final class MemoryLeadDeliveries implements LeadDeliveries {
  private final MemoryWebhookStore store;
  private final MemoryOutbox outbox;

  MemoryLeadDeliveries(MemoryWebhookStore store, MemoryOutbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Override
  public Future<List<String>> receivers(String leadId) {
    synchronized (store) {
      return Future.succeededFuture(List.copyOf(store.receivers.getOrDefault(leadId, Set.of())));
    }
  }

  @Override
  public Future<JsonObject> held(String leadId, long seq, List<String> endpoints) {
    JsonObject held = new JsonObject();
    synchronized (store) {
      for (String endpoint : endpoints) {
        MemoryWebhookStore.Lines lines = store.endpoints.get(endpoint);
        if (lines == null) {
          continue;
        }
        JsonArray queued = new JsonArray();
        lines.leads.getOrDefault(leadId, new ArrayDeque<>()).forEach(e -> queued.add(envelope(e)));
        JsonArray dead = new JsonArray();
        lines.dead.ofLead(leadId).forEach(d -> dead.add(letter(d)));
        if (!queued.isEmpty() || !dead.isEmpty()) {
          held.put(endpoint, new JsonObject().put("queued", queued).put("dead", dead));
        }
      }
    }
    return Future.succeededFuture(held);
  }

  @Override
  public Future<Void> erase(String leadId, long seq, List<String> endpoints) {
    outbox.shard(Shards.ofLead(leadId)).removeIf(e -> e != null && leadId.equals(e.leadId())
        && !LeadErasure.TYPE.equals(e.type()));
    synchronized (store) {
      store.receivers.remove(leadId);
      store.messages.values().removeIf(r -> leadId.equals(r.event().leadId()));
      for (MemoryWebhookStore.Lines lines : store.endpoints.values()) {
        lines.leads.remove(leadId);
        int before = lines.ready.stream().mapToInt(ArrayDeque::size).sum();
        lines.ready.forEach(line -> line.removeIf(t -> leadId.equals(t.event().leadId())));
        lines.readyCount -= before - lines.ready.stream().mapToInt(ArrayDeque::size).sum();
        lines.taken.values().removeIf(t -> leadId.equals(t.token().event().leadId()));
        lines.retries.removeIf(r -> leadId.equals(r.event().leadId()));
        lines.dead.ofLead(leadId).forEach(d -> lines.dead.remove(d.event().id()));
      }
    }
    return Future.succeededFuture();
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
