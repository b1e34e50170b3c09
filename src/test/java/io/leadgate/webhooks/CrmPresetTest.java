package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadgate.core.DomainEvent;
import io.leadgate.testing.TestClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each CRM preset sends, and what it makes of each answer: pure, no HTTP (the delivery specs send for real). */
class CrmPresetTest {
  static final JsonObject FIRST_TOUCH = new JsonObject().put("source", "google / cpc").put("utm_source", "google")
      .put("utm_medium", "cpc").put("utm_campaign", "spring").put("gclid", "Cj0KCQ").put("li_fat_id", "li-7")
      .put("landing", "https://acme.com/?gclid=Cj0KCQ").put("at", 1_700_000_000_000L);

  static DomainEvent event(JsonObject fields) {
    return WebhookHarness.event("lead-a", 1, LeadEvents.CREATED, new JsonObject().put("email", "Ann@Acme.com")
        .put("fields", fields).put("first_touch", FIRST_TOUCH), new TestClock());
  }

  static DomainEvent event() {
    return event(new JsonObject().put("name", "Ann Marie Lee").put("company", "ACME").put("role", "CTO"));
  }

  static CrmExchange exchange(CrmPreset preset, EndpointConfig.PayloadConfig payload, DomainEvent event) {
    return preset.exchange(preset.mapper(payload), event);
  }

  static CrmExchange exchange(CrmPreset preset) {
    return exchange(preset, EndpointConfig.PayloadConfig.ENVELOPE, event());
  }

  static WebhookSender.Answer answer(int status, String body) {
    return new WebhookSender.Answer(status, null, body, null, 3);
  }

  static CrmExchange.Request next(CrmExchange.Step step) {
    return assertInstanceOf(CrmExchange.Next.class, step).request();
  }

  @Test
  void hubspot_firstRequest_createsTheContactWithTheFirstTouchInItsProperties() {
    CrmExchange.Request create = exchange(CrmPreset.HUBSPOT).first();
    assertEquals("POST", create.method());
    assertEquals("/crm/v3/objects/contacts", create.path());
    assertEquals(new JsonObject().put("properties", new JsonObject().put("email", "ann@acme.com")
        .put("firstname", "Ann Marie").put("lastname", "Lee").put("company", "ACME").put("jobtitle", "CTO")
        .put("leadgate_source", "google / cpc").put("utm_source", "google").put("utm_medium", "cpc")
        .put("utm_campaign", "spring").put("hs_google_click_id", "Cj0KCQ").put("li_fat_id", "li-7")), create.body());
  }

  @Test
  void hubspot_conflictNamingTheExistingContact_becomesAPatchOfThatContact() {
    CrmExchange exchange = exchange(CrmPreset.HUBSPOT);
    CrmExchange.Request create = exchange.first();
    CrmExchange.Request update = next(exchange.after(create, answer(409, """
        {"status":"error","message":"Contact already exists. Existing ID: 2926551","category":"CONFLICT"}""")));
    assertEquals("PATCH", update.method());
    assertEquals("/crm/v3/objects/contacts/2926551", update.path());
    assertEquals(create.body(), update.body());
    WebhookSender.Answer ok = answer(200, "{\"id\":\"2926551\"}");
    assertEquals(ok, assertInstanceOf(CrmExchange.Done.class, exchange.after(update, ok)).answer());
  }

  @Test
  void hubspot_conflictWithOnlyAnIdentityProfile_stillFindsTheContact() {
    assertEquals("51", HubSpotExchange.existingId(answer(409, """
        {"status":"error","identityProfile":{"vid":51},"category":"OBJECT_ALREADY_EXISTS"}""")));
  }

  @Test
  void hubspot_conflictNamingNoContact_isTheOutcome() {
    CrmExchange exchange = exchange(CrmPreset.HUBSPOT);
    WebhookSender.Answer conflict = answer(409, "{\"message\":\"conflict\"}");
    assertEquals(conflict, assertInstanceOf(CrmExchange.Done.class, exchange.after(exchange.first(), conflict))
        .answer());
  }

  @Test
  void hubspot_created_isTheOutcome() {
    CrmExchange exchange = exchange(CrmPreset.HUBSPOT);
    WebhookSender.Answer created = answer(201, "{\"id\":\"1\"}");
    assertInstanceOf(CrmExchange.Done.class, exchange.after(exchange.first(), created));
  }

  @Test
  void mapping_overridesAddsAndRemovesPresetDefaults() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("utm_campaign", "data.first_touch.utm_source");
    fields.put("hs_google_click_id", null);
    fields.put("leadgate_landing", "data.first_touch.landing");
    CrmExchange.Request create = exchange(CrmPreset.HUBSPOT,
        new EndpointConfig.PayloadConfig(fields, Map.of("lifecyclestage", "lead")), event()).first();
    JsonObject properties = create.body().getJsonObject("properties");
    assertEquals("google", properties.getString("utm_campaign"));
    assertNull(properties.getValue("hs_google_click_id"));
    assertEquals("https://acme.com/?gclid=Cj0KCQ", properties.getString("leadgate_landing"));
    assertEquals("lead", properties.getString("lifecyclestage"));
  }

  @Test
  void pipedrive_firstRequest_searchesPersonsByExactEmail() {
    CrmExchange.Request search = exchange(CrmPreset.PIPEDRIVE).first();
    assertEquals("GET", search.method());
    assertEquals("/api/v2/persons/search?term=ann%40acme.com&fields=email&exact_match=true&limit=1", search.path());
    assertNull(search.body());
  }

  @Test
  void pipedrive_nobodyFound_createsThePersonWithItsEmail() {
    CrmExchange exchange = exchange(CrmPreset.PIPEDRIVE);
    CrmExchange.Request create = next(exchange.after(exchange.first(),
        answer(200, "{\"success\":true,\"data\":{\"items\":[]}}")));
    assertEquals("POST", create.method());
    assertEquals("/api/v2/persons", create.path());
    assertEquals(new JsonObject().put("name", "Ann Marie Lee").put("emails", new JsonArray().add(new JsonObject()
        .put("value", "ann@acme.com").put("primary", true).put("label", "work"))), create.body());
  }

  @Test
  void pipedrive_personFound_isPatchedWithoutTouchingItsEmails() {
    CrmExchange exchange = exchange(CrmPreset.PIPEDRIVE);
    CrmExchange.Request update = next(exchange.after(exchange.first(), answer(200,
        "{\"success\":true,\"data\":{\"items\":[{\"result_score\":1.2,\"item\":{\"id\":7,\"name\":\"Ann\"}}]}}")));
    assertEquals("PATCH", update.method());
    assertEquals("/api/v2/persons/7", update.path());
    assertEquals(new JsonObject().put("name", "Ann Marie Lee"), update.body());
  }

  @Test
  void pipedrive_unreadableSearchAnswer_isRetriedNotDelivered() {
    CrmExchange exchange = exchange(CrmPreset.PIPEDRIVE);
    WebhookSender.Answer outcome = assertInstanceOf(CrmExchange.Done.class,
        exchange.after(exchange.first(), answer(200, "<html>maintenance</html>"))).answer();
    assertEquals(Verdict.RETRY, outcome.error() == null ? Verdict.of(outcome.status()) : Verdict.RETRY);
    assertEquals("Pipedrive's search answer has no data.items", outcome.error());
  }

  @Test
  void pipedrive_customFieldKeysFromTheMapping_goUnderCustomFields() {
    CrmExchange exchange = exchange(CrmPreset.PIPEDRIVE, new EndpointConfig.PayloadConfig(
        Map.of("custom_fields.d4e5f6", "data.first_touch.gclid"), Map.of()), event());
    CrmExchange.Request create = next(exchange.after(exchange.first(), answer(200, "{\"data\":{\"items\":[]}}")));
    assertEquals(new JsonObject().put("d4e5f6", "Cj0KCQ"), create.body().getJsonObject("custom_fields"));
  }

  @Test
  void salesforce_firstRequest_queriesUnconvertedLeadsByEmail() {
    CrmExchange.Request query = exchange(CrmPreset.SALESFORCE).first();
    assertEquals("GET", query.method());
    assertEquals("/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Lead%20WHERE%20Email%20%3D%20%27ann%40acme.com"
        + "%27%20AND%20IsConverted%20%3D%20false%20ORDER%20BY%20CreatedDate%20LIMIT%201", query.path());
  }

  @Test
  void salesforce_apostropheInTheAddress_isEscapedInTheQuery() {
    assertEquals("o\\'brien@acme.com", SalesforceExchange.escape("o'brien@acme.com"));
  }

  @Test
  void salesforce_noLead_createsOneWithAStandInForTheRequiredLastName() {
    CrmExchange exchange = exchange(CrmPreset.SALESFORCE, EndpointConfig.PayloadConfig.ENVELOPE,
        event(new JsonObject()));
    CrmExchange.Request create = next(exchange.after(exchange.first(),
        answer(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}")));
    assertEquals("POST", create.method());
    assertEquals("/services/data/v62.0/sobjects/Lead", create.path());
    assertEquals(new JsonObject().put("LeadSource", "Web").put("Email", "ann@acme.com")
        .put("Leadgate_Source__c", "google / cpc").put("UTM_Source__c", "google").put("UTM_Medium__c", "cpc")
        .put("UTM_Campaign__c", "spring").put("GCLID__c", "Cj0KCQ").put("LI_FAT_ID__c", "li-7")
        .put("Company", "ACME").put("LastName", "[not provided]"), create.body());
  }

  @Test
  void salesforce_leadFound_isPatchedWithoutTheStandIn() {
    CrmExchange exchange = exchange(CrmPreset.SALESFORCE, EndpointConfig.PayloadConfig.ENVELOPE,
        event(new JsonObject()));
    CrmExchange.Request update = next(exchange.after(exchange.first(), answer(200,
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"00Q5f000001\"}]}")));
    assertEquals("PATCH", update.method());
    assertEquals("/services/data/v62.0/sobjects/Lead/00Q5f000001", update.path());
    assertNull(update.body().getValue("LastName"), "a stand-in never overwrites a name typed in Salesforce");
    assertEquals("ACME", update.body().getString("Company"));
  }

  @Test
  void salesforce_duplicateRuleMatchingALead_becomesAPatchOfThatLead() {
    CrmExchange exchange = exchange(CrmPreset.SALESFORCE);
    CrmExchange.Request create = next(exchange.after(exchange.first(), answer(200, "{\"records\":[]}")));
    CrmExchange.Request update = next(exchange.after(create, answer(400, duplicates("00Q5f000009"))));
    assertEquals("PATCH", update.method());
    assertEquals("/services/data/v62.0/sobjects/Lead/00Q5f000009", update.path());
    assertEquals("Ann Marie", update.body().getString("FirstName"));
    assertEquals("Lee", update.body().getString("LastName"));
  }

  @Test
  void salesforce_duplicateRuleMatchingOnlyAContact_isTheOutcome() {
    CrmExchange exchange = exchange(CrmPreset.SALESFORCE);
    CrmExchange.Request create = next(exchange.after(exchange.first(), answer(200, "{\"records\":[]}")));
    WebhookSender.Answer refused = answer(400, duplicates("0035f000004"));
    assertEquals(refused, assertInstanceOf(CrmExchange.Done.class, exchange.after(create, refused)).answer());
  }

  @Test
  void leadWithoutEmail_cannotBeSent() {
    DomainEvent event = new DomainEvent("evt_x_1", LeadEvents.CREATED, "demo", "x", 1, 0, new JsonObject());
    assertThrows(IllegalArgumentException.class,
        () -> CrmPreset.HUBSPOT.exchange(CrmPreset.HUBSPOT.mapper(EndpointConfig.PayloadConfig.ENVELOPE), event));
  }

  static String duplicates(String id) {
    return """
        [{"duplicateResult":{"allowSave":false,"duplicateRule":"Standard_Lead_Duplicate_Rule",
          "duplicateRuleEntityType":"Lead","errorMessage":"Use one of these records?",
          "matchResults":[{"entityType":"Lead","errors":[],"matchEngine":"ExactMatchEngine",
            "matchRecords":[{"additionalInformation":[],"fieldDiffs":[],"matchConfidence":100.0,
              "record":{"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/%s"},"Id":"%s"}}],
            "rule":"Standard_Lead_Match_Rule_v1_0","size":1,"success":true}]},
          "errorCode":"DUPLICATES_DETECTED","message":"Use one of these records?"}]""".formatted(id, id);
  }
}
