package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code lead.erased} event: tells every endpoint that ever received a lead that it was erased, so the CRMs
 * behind them can erase it too. It carries the lead id and a keyed hash of the email, nothing else about the person.
 * It goes to the endpoints it names (those that received the lead), whatever their filters, through the normal
 * delivery: signed, in the lead's order, retried; the names are taken out of the body the endpoints receive.
 */
public final class LeadErasure {
  public static final String TYPE = "lead.erased";
  private static final String TO = "endpoints";

  private LeadErasure() {
  }

  /**
   * @param seq the lead's sequence number after its last change, plus one; the id is {@code evt_<lead>_erased}, so it
   *            never meets an id of the lead's other events, even one written while the erasure ran
   */
  public static DomainEvent event(String site, String leadId, long seq, long at, String emailHash,
                                  List<String> endpoints) {
    JsonObject data = new JsonObject().put("lead", leadId).put("email_hash", emailHash)
        .put(TO, new JsonArray(List.copyOf(endpoints)));
    return new DomainEvent("evt_" + leadId + "_erased", TYPE, site, leadId, seq, at, data);
  }

  /** The endpoints an event must go to regardless of filters; null for every other type (the filters decide). */
  static List<String> targets(DomainEvent event) {
    if (!TYPE.equals(event.type()) || event.data() == null) {
      return null;
    }
    JsonArray to = event.data().getJsonArray(TO, new JsonArray());
    return to.stream().map(String::valueOf).toList();
  }

  /** The body's data: the erased lead's, without the list of endpoints. */
  static JsonObject publicData(DomainEvent event) {
    JsonObject data = event.data() == null ? new JsonObject() : event.data();
    if (!TYPE.equals(event.type())) {
      return data;
    }
    JsonObject copy = data.copy();
    copy.remove(TO);
    return copy;
  }
}
