package io.leadgate.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Salesforce REST API, sObject Lead. Email is not unique on a Lead and an upsert needs an external-id field the org
 * may not have, so the exchange looks first with SOQL ({@code GET /services/data/v62.0/query?q=SELECT Id FROM Lead
 * WHERE Email = '...' AND IsConverted = false ORDER BY CreatedDate LIMIT 1}), then {@code PATCH .../sobjects/Lead/ID}
 * ({@code 204}) or {@code POST .../sobjects/Lead} ({@code 201}). When a duplicate rule refuses the create ({@code 400
 * DUPLICATES_DETECTED}, the lead found by the rule in {@code duplicateResult.matchResults}), the lead it matched is
 * updated instead. A create fills the two fields Salesforce requires as its own Web-to-Lead does, {@code LastName}
 * and {@code Company} = {@code [not provided]}; an update never sends those stand-ins.
 */
final class SalesforceExchange implements CrmExchange {
  static final String API = "/services/data/v62.0";
  static final String LEADS = API + "/sobjects/Lead";
  static final String NOT_PROVIDED = "[not provided]";
  /** The key prefix of Lead ids: a duplicate rule may match Contacts too, which this preset does not update. */
  private static final String LEAD_ID_PREFIX = "00Q";

  private final String email;
  private final JsonObject create;
  private final JsonObject update;

  SalesforceExchange(String email, JsonObject person, JsonObject lead) {
    this.email = email;
    JsonObject fields = person.copy();
    fields.put("Email", email);
    CrmPreset.fillNames(fields, lead, "FirstName", "LastName");
    this.update = fields.copy();
    this.create = fields.copy();
    if (isBlank(create.getValue("LastName"))) {
      create.put("LastName", NOT_PROVIDED);
    }
    if (isBlank(create.getValue("Company"))) {
      create.put("Company", NOT_PROVIDED);
    }
  }

  @Override
  public Request first() {
    String soql = "SELECT Id FROM Lead WHERE Email = '" + escape(email) + "' AND IsConverted = false"
        + " ORDER BY CreatedDate LIMIT 1";
    return new Request("GET", API + "/query?q=" + CrmPreset.encode(soql), null);
  }

  @Override
  public Step after(Request sent, WebhookSender.Answer answer) {
    if (sent.method().equals("GET") && answer.status() / 100 == 2) {
      if (!(CrmExchange.json(answer) instanceof JsonObject result)
          || !(result.getValue("records") instanceof JsonArray records)) {
        return CrmExchange.unreadable(answer, "Salesforce's query answer has no records");
      }
      String id = records.isEmpty() ? null
          : records.getValue(0) instanceof JsonObject record ? record.getString("Id") : null;
      return id == null ? CrmExchange.next("POST", LEADS, create) : CrmExchange.next("PATCH", LEADS + "/" + id, update);
    }
    if (sent.method().equals("POST") && answer.status() == 400) {
      String duplicate = duplicateLead(answer);
      if (duplicate != null) {
        return CrmExchange.next("PATCH", LEADS + "/" + duplicate, update);
      }
    }
    return CrmExchange.done(answer);
  }

  /** The Lead a duplicate rule matched, from a {@code DUPLICATES_DETECTED} answer; null when it names none. */
  static String duplicateLead(WebhookSender.Answer answer) {
    if (!(CrmExchange.json(answer) instanceof JsonArray errors)) {
      return null;
    }
    for (Object error : errors) {
      if (!(error instanceof JsonObject e) || !"DUPLICATES_DETECTED".equals(e.getString("errorCode"))
          || !(e.getValue("duplicateResult") instanceof JsonObject result)) {
        continue;
      }
      for (Object match : result.getJsonArray("matchResults", new JsonArray())) {
        if (!(match instanceof JsonObject m)) {
          continue;
        }
        for (Object candidate : m.getJsonArray("matchRecords", new JsonArray())) {
          if (candidate instanceof JsonObject c && c.getValue("record") instanceof JsonObject record
              && record.getValue("Id") instanceof String id && id.startsWith(LEAD_ID_PREFIX)) {
            return id;
          }
        }
      }
    }
    return null;
  }

  /** A string literal for SOQL: backslash and quote escaped (an address may hold an apostrophe). */
  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
