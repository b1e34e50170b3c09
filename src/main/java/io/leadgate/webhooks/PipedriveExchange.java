package io.leadgate.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pipedrive API v2 persons. Pipedrive does not refuse a second person with the same email, so the exchange looks
 * first: {@code GET /api/v2/persons/search?term=EMAIL&fields=email&exact_match=true}, then {@code PATCH
 * /api/v2/persons/ID} the person found or {@code POST /api/v2/persons} a new one. An update leaves the person's
 * {@code emails} and {@code phones} alone (v2 replaces those lists whole) and changes the name only when the lead has
 * one. Pipedrive's search index lags behind writes by seconds: a retry within them can still create a second person.
 */
final class PipedriveExchange implements CrmExchange {
  static final String PERSONS = "/api/v2/persons";

  private final String email;
  private final JsonObject create;
  private final JsonObject update;

  PipedriveExchange(String email, JsonObject person, JsonObject lead) {
    this.email = email;
    JsonObject fields = person.copy();
    Object phone = fields.remove("phone");
    if (!fields.containsKey("name")) {
      String[] split = CrmPreset.splitName(lead);
      JsonObject formFields = lead.getJsonObject("fields", new JsonObject());
      String first = formFields.getString("first_name");
      String last = formFields.getString("last_name");
      if (first != null || last != null) {
        fields.put("name", ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip());
      } else if (split != null) {
        fields.put("name", split[0] == null ? split[1] : split[0] + " " + split[1]);
      }
    }
    this.update = fields.copy();
    this.create = fields.copy();
    if (!create.containsKey("name")) {
      create.put("name", email); // Pipedrive requires a name
    }
    create.put("emails", new JsonArray().add(new JsonObject().put("value", email).put("primary", true)
        .put("label", "work")));
    if (phone != null) {
      create.put("phones", new JsonArray().add(new JsonObject().put("value", phone.toString()).put("primary", true)
          .put("label", "work")));
    }
  }

  @Override
  public Request first() {
    return new Request("GET", PERSONS + "/search?term=" + CrmPreset.encode(email)
        + "&fields=email&exact_match=true&limit=1", null);
  }

  @Override
  public Step after(Request sent, WebhookSender.Answer answer) {
    if (!sent.method().equals("GET") || answer.status() / 100 != 2) {
      return CrmExchange.done(answer);
    }
    if (!(CrmExchange.json(answer) instanceof JsonObject result) || !(result.getValue("data") instanceof JsonObject data)
        || !(data.getValue("items") instanceof JsonArray items)) {
      return CrmExchange.unreadable(answer, "Pipedrive's search answer has no data.items");
    }
    if (items.isEmpty()) {
      return CrmExchange.next("POST", PERSONS, create);
    }
    Object id = items.getValue(0) instanceof JsonObject hit && hit.getValue("item") instanceof JsonObject item
        ? item.getValue("id") : null;
    if (!(id instanceof Number number)) {
      return CrmExchange.unreadable(answer, "Pipedrive's search answer has an item without an id");
    }
    return CrmExchange.next("PATCH", PERSONS + "/" + number.longValue(), update);
  }
}
