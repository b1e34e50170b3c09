package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Every webhook attempt, newest first, per endpoint and per lead: capped lists that expire a while after their last
 * entry, so the log never grows without bound. Best effort: a lost log line never stops a delivery.
 */
public interface DeliveryLog {

  /**
   * @param endpointMax entries kept per endpoint
   * @param leadMax     entries kept per lead
   * @param ttlMs       how long a list lives after its last entry
   */
  Future<Void> record(Attempt attempt, int endpointMax, int leadMax, long ttlMs);

  Future<List<Attempt>> forEndpoint(String endpoint, int max);

  /**
   * Erasure: removes the lead's attempts from the endpoint's log, or, with {@code endpoint} null, the lead's own log.
   * One endpoint (one slot) per call. Idempotent.
   */
  Future<Void> eraseLead(String endpoint, String leadId);

  /** A lead's attempts (to every endpoint, or to {@code endpoint} only when it is not null). */
  Future<List<Attempt>> forLead(String leadId, String endpoint, int max);

  /**
   * One attempt.
   *
   * @param status    HTTP status, 0 when there was no answer
   * @param outcome   {@code delivered}, {@code retrying}, {@code dead} or {@code stale}
   * @param error     why there was no answer (time-out, refused address...), or null
   * @param response  the first bytes of the receiver's answer, or null
   * @param eventAt   when the event happened (for {@code lead.created}: when the form was answered), 0 if unknown
   */
  record Attempt(long at, String endpoint, String eventId, String type, String leadId, int attempt, int status,
                 String outcome, long latencyMs, String error, String response, long eventAt) {

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("at", at).put("endpoint", endpoint).put("id", eventId).put("type", type)
          .put("lead", leadId).put("attempt", attempt).put("status", status).put("outcome", outcome)
          .put("latencyMs", latencyMs);
      if (eventAt > 0) {
        json.put("eventAt", eventAt);
      }
      if (error != null) {
        json.put("error", error);
      }
      if (response != null) {
        json.put("response", response);
      }
      return json;
    }

    public static Attempt fromJson(JsonObject json) {
      return new Attempt(json.getLong("at", 0L), json.getString("endpoint"), json.getString("id"),
          json.getString("type"), json.getString("lead"), json.getInteger("attempt", 0), json.getInteger("status", 0),
          json.getString("outcome"), json.getLong("latencyMs", 0L), json.getString("error"),
          json.getString("response"), json.getLong("eventAt", 0L));
    }
  }
}
