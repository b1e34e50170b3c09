package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the webhook stores hold about one lead, for the privacy feature: which endpoints it was ever queued for, what
 * is still queued or dead, and its erasure. Everything of one lead is in its virtual shard (one Redis Cluster slot),
 * so each call is one step there.
 */
public interface LeadDeliveries {

  /** Endpoints the lead's events were ever queued for (recorded by the fan-out; erased with the lead). */
  Future<List<String>> receivers(String leadId);

  /**
   * The lead's events still queued (or retrying) and its dead letters, per endpoint:
   * {@code {endpoint: {queued: [event...], dead: [letter...]}}}.
   *
   * @param seq the lead's newest sequence number: its event ids are {@code evt_<lead>_1..seq}
   */
  Future<JsonObject> held(String leadId, long seq, List<String> endpoints);

  /**
   * Removes every event of the lead that waits anywhere on its way out: outbox entries not yet fanned out (but a
   * {@code lead.erased}), each endpoint's queue, ready line and retry entries, dead letters and retained copies, and
   * the receivers record. A job already in an attempt may still finish. Idempotent.
   */
  Future<Void> erase(String leadId, long seq, List<String> endpoints);
}
