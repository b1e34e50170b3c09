package io.leadgate.webhooks;

import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.webhooks.DeliveryLog.Attempt;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the webhook API can do: show endpoints with their state and queues, their delivery log and dead letters,
 * replay messages and enable an endpoint again. Reads and writes the shared store only, so every instance answers
 * the same.
 */
public final class WebhookService {
  /** At most this many dead letters are replayed by one request; the answer says when more remain. */
  public static final int REPLAY_MAX = 1000;
  /** Speed-to-lead's range when none is asked for: the delivery log's default lifetime. */
  static final Duration SPEED_DEFAULT_RANGE = Duration.ofDays(7);
  private final Map<String, EndpointConfig> endpoints = new LinkedHashMap<>();
  private final WebhookStore store;
  private final DeliveryLog log;
  private final Clock clock;
  private final int logMax;

  /** @param logMax attempts kept in each endpoint's delivery log (what speed-to-lead reads) */
  public WebhookService(List<EndpointConfig> endpoints, WebhookStore store, DeliveryLog log, Clock clock, int logMax) {
    endpoints.forEach(e -> this.endpoints.put(e.id(), e));
    this.store = store;
    this.log = log;
    this.clock = clock;
    this.logMax = logMax;
  }

  public Future<JsonArray> list() {
    List<Future<JsonObject>> all = new ArrayList<>();
    endpoints.keySet().forEach(id -> all.add(describe(id)));
    return Future.all(all).map(done -> {
      JsonArray out = new JsonArray();
      all.forEach(f -> out.add(f.result()));
      return out;
    });
  }

  public Future<JsonObject> describe(String id) {
    EndpointConfig config = known(id);
    return Future.all(store.state(id), store.queued(id)).map(done -> {
      WebhookStore.EndpointState state = done.resultAt(0);
      WebhookStore.Queued queued = done.resultAt(1);
      JsonObject out = new JsonObject().put("id", id).put("url", config.url())
          .put("events", new JsonArray(config.events())).put("enabled", !state.disabled())
          .put("ready", queued.ready()).put("retrying", queued.retrying());
      config.crmPreset().ifPresent(preset -> out.put("preset", preset.label()));
      if (state.disabled()) {
        out.put("disabledReason", state.disabledReason()).put("disabledAt", iso(state.disabledAtMs()));
      }
      if (state.failingSinceMs() > 0) {
        out.put("failingSince", iso(state.failingSinceMs()));
      }
      return out;
    });
  }

  /** The endpoint's newest attempts, or only those for one lead. */
  public Future<List<Attempt>> deliveries(String id, String leadId, int limit) {
    known(id);
    return leadId == null ? log.forEndpoint(id, limit) : log.forLead(leadId, id, limit);
  }

  /**
   * The endpoint's speed-to-lead over the deliveries made from {@code fromMs} (inclusive) to {@code toMs}
   * (exclusive; null: now), from its delivery log ({@link SpeedToLead}).
   */
  public Future<JsonObject> speedToLead(String id, Long fromMs, Long toMs) {
    known(id);
    long to = toMs == null ? clock.millis() + 1 : toMs;
    long from = fromMs == null ? to - SPEED_DEFAULT_RANGE.toMillis() : fromMs;
    if (from >= to) {
      throw InvalidInput.field("from", "must be before to");
    }
    return log.forEndpoint(id, logMax).map(attempts -> SpeedToLead.of(attempts, from, to)
        .put("endpoint", id).put("from", iso(from)).put("to", iso(to)).put("logMax", logMax));
  }

  public Future<List<DeadLetter>> deadLetters(String id, long sinceMs, int limit) {
    known(id);
    return store.deadLetters(id, sinceMs, limit);
  }

  /**
   * Replays {@code {"id": EVENT_ID}} (a dead letter, or any event still retained) or {@code {"since": TIME}} (every
   * dead letter that died since then, ISO-8601 or ms since epoch). The replayed deliveries keep their
   * {@code webhook-id}.
   */
  public Future<JsonObject> replay(String id, JsonObject request, String by) {
    return replay(id, request).compose(out -> recorded("endpoint.replayed", id, by, out));
  }

  private Future<JsonObject> replay(String id, JsonObject request) {
    known(id);
    boolean byId = request.containsKey("id");
    boolean bySince = request.containsKey("since");
    if (byId == bySince) {
      throw new InvalidInput("invalid_replay", null, "give either \"id\" (one message) or \"since\" (dead letters)");
    }
    if (byId) {
      if (!(request.getValue("id") instanceof String eventId) || eventId.isBlank()) {
        throw InvalidInput.field("id", "must be a message id");
      }
      return store.replay(id, eventId).map(found -> {
        if (!found) {
          throw new NotFound("unknown_message", "no dead letter or retained message " + eventId + " for " + id);
        }
        return new JsonObject().put("replayed", 1);
      });
    }
    long since = time(request.getValue("since"), "since");
    return store.replayDead(id, since, REPLAY_MAX)
        .map(n -> new JsonObject().put("replayed", n).put("more", n == REPLAY_MAX));
  }

  /** Enables the endpoint again; {@code by} (who asked: {@code user:NAME}, {@code api:KEY}) goes in the ops events. */
  public Future<JsonObject> enable(String id, String by) {
    known(id);
    return store.enable(id).compose(v -> recorded("endpoint.enabled", id, by, new JsonObject()))
        .compose(v -> describe(id));
  }

  /** The endpoint's history: an ops event saying who did what to it. */
  private Future<JsonObject> recorded(String type, String id, String by, JsonObject outcome) {
    JsonObject event = new JsonObject().put("type", type).put("endpoint", id).put("by", by)
        .put("at", Instant.ofEpochMilli(clock.millis()).toString());
    if (outcome.containsKey("replayed")) {
      event.put("replayed", outcome.getValue("replayed"));
    }
    return store.recordOpsEvent(event).map(outcome);
  }

  public Future<List<JsonObject>> opsEvents(int limit) {
    return store.opsEvents(limit);
  }

  /** A time given as ISO-8601 or ms since epoch. */
  public static long time(Object value, String field) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String text) {
      try {
        return text.matches("\\d{1,15}") ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
      } catch (RuntimeException e) {
        // fall through to the error
      }
    }
    throw InvalidInput.field(field, "must be an ISO-8601 time like 2025-01-31T00:00:00Z or ms since epoch");
  }

  private EndpointConfig known(String id) {
    EndpointConfig config = endpoints.get(id);
    if (config == null) {
      throw new NotFound("unknown_endpoint", "no webhook endpoint " + id + " (configured: " + endpoints.keySet() + ")");
    }
    return config;
  }

  private static String iso(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }
}
