package io.leadgate.webhooks;

import static io.leadgate.webhooks.WebhookHarness.api;
import static io.leadgate.webhooks.WebhookHarness.deliveries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.OneStore;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CRM presets end to end: outbox → dispatcher → an in-process receiver shaped like each CRM's API, every request
 * asserted as sent (method, path and query, auth header, JSON body). Runs on the in-memory store and on Redis.
 */
abstract class CrmPresetSpec {
  static final JsonObject FIRST_TOUCH = new JsonObject().put("source", "google / cpc").put("utm_source", "google")
      .put("utm_medium", "cpc").put("utm_campaign", "spring-sale").put("gclid", "Cj0KCQiA").put("msclkid", "ms-42")
      .put("landing", "https://acme.com/pricing?gclid=Cj0KCQiA").put("at", 1_700_000_000_000L);

  Receiver receiver;
  FakeCrm crm;
  TestClock clock;
  TestGateway gateway;

  @RegisterExtension
  static final OneStore store = OneStore.asTheClassRunsOn().emptiedBeforeEach();

  @BeforeEach
  void startReceiver() {
    receiver = Receiver.start();
    crm = new FakeCrm();
    clock = new TestClock();
  }

  @AfterEach
  void stopAll() {
    if (gateway != null) {
      gateway.close();
    }
    receiver.close();
  }

  void start(String preset, String extra) {
    start(presetEndpoint(preset, extra));
  }

  void start(String endpoints) {
    gateway = WebhookHarness.start(store.url(), clock, endpoints);
  }

  String presetEndpoint(String preset, String extra) {
    return """
          - id: %s
            preset: %s
            token: %s
            url: %s
            allowSubnets: [127.0.0.0/8]
            timeout: 2s
        """.formatted(preset, preset, FakeCrm.TOKEN, receiver.url("")) + extra.stripIndent().lines()
        .map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  DomainEvent emit(String lead, long seq, String type) {
    return WebhookHarness.emit(gateway, lead, seq, type, new JsonObject().put("first_touch", FIRST_TOUCH)
        .put("fields", new JsonObject().put("name", "Ann Lee").put("role", "CTO")), clock);
  }

  DomainEvent emit(String lead) {
    return emit(lead, 1, LeadEvents.CREATED);
  }

  List<JsonObject> settled(String endpoint, int attempts) {
    return Eventually.until(() -> deliveries(gateway, endpoint, "?limit=1000"), list -> list.size() >= attempts);
  }

  List<JsonObject> dead(String endpoint) {
    return api(gateway, HttpMethod.GET, "/api/webhooks/" + endpoint + "/dead", null).bodyAsJsonObject()
        .getJsonArray("dead").stream().map(o -> (JsonObject) o).toList();
  }

  void stillOnly(int count) {
    DeliverySpec.sleep(250);
    assertEquals(count, receiver.received().size(), () -> "requests: " + receiver.received());
  }

  static void assertRequest(Receiver.Request request, String method, String uri) {
    assertEquals(method + " " + uri, request.method() + " " + request.uri());
    assertEquals("application/json", request.headers().get("accept"));
    assertEquals(WebhookSender.USER_AGENT, request.headers().get("user-agent"));
    assertNull(request.signature(), "a CRM is not sent a Standard Webhooks signature");
    assertNull(request.id());
    if (request.body().isEmpty()) {
      assertNull(request.headers().get("content-type"));
    } else {
      assertEquals("application/json", request.headers().get("content-type"));
    }
  }

  static JsonObject hubspotProperties() {
    return new JsonObject().put("email", "lead-a@acme.com").put("firstname", "Ann").put("lastname", "Lee")
        .put("company", "ACME").put("jobtitle", "CTO").put("leadgate_source", "google / cpc")
        .put("utm_source", "google").put("utm_medium", "cpc").put("utm_campaign", "spring-sale")
        .put("hs_google_click_id", "Cj0KCQiA").put("msclkid", "ms-42");
  }

  @Test
  void hubspot_newLead_oneCreateWithTheTokenAndTheFirstTouchInItsProperties() {
    receiver.answer(crm.hubspot());
    start("hubspot", "");
    emit("lead-a");
    Receiver.Request create = receiver.await(1).get(0);
    assertRequest(create, "POST", "/crm/v3/objects/contacts");
    assertEquals("Bearer " + FakeCrm.TOKEN, create.headers().get("authorization"));
    assertEquals(new JsonObject().put("properties", hubspotProperties()), create.json());
    JsonObject log = settled("hubspot", 1).get(0);
    assertEquals("delivered", log.getString("outcome"));
    assertEquals(201, log.getInteger("status"));
    assertFalse(log.encode().contains(FakeCrm.TOKEN), "the token is never in the delivery log");
    JsonObject described = api(gateway, HttpMethod.GET, "/api/webhooks/hubspot", null).bodyAsJsonObject();
    assertEquals("hubspot", described.getString("preset"));
    assertFalse(described.encode().contains(FakeCrm.TOKEN));
  }

  @Test
  void hubspot_contactAlreadyThere_conflictBecomesAnUpdateNotADeadLetter() {
    receiver.answer(crm.hubspot());
    String id = crm.existing("lead-a@acme.com", "2926551");
    start("hubspot", "");
    emit("lead-a");
    List<Receiver.Request> requests = receiver.await(2);
    assertRequest(requests.get(0), "POST", "/crm/v3/objects/contacts");
    assertRequest(requests.get(1), "PATCH", "/crm/v3/objects/contacts/" + id);
    assertEquals("Bearer " + FakeCrm.TOKEN, requests.get(1).headers().get("authorization"));
    assertEquals(new JsonObject().put("properties", hubspotProperties()), requests.get(1).json());
    JsonObject log = settled("hubspot", 1).get(0);
    assertEquals("delivered", log.getString("outcome"));
    assertEquals(200, log.getInteger("status"));
    assertEquals(1, log.getInteger("attempt"), "the create and the update are one attempt");
    assertTrue(dead("hubspot").isEmpty());
    stillOnly(2);
  }

  @Test
  void hubspot_leadsNextEvent_updatesTheContactItsFirstEventCreated() {
    receiver.answer(crm.hubspot());
    start("hubspot", "");
    emit("lead-a", 1, LeadEvents.CREATED);
    emit("lead-a", 2, LeadEvents.STAGE_CHANGED);
    List<Receiver.Request> requests = receiver.await(3);
    assertEquals(List.of("POST /crm/v3/objects/contacts", "POST /crm/v3/objects/contacts",
            "PATCH /crm/v3/objects/contacts/" + crm.people.get("lead-a@acme.com")),
        requests.stream().map(r -> r.method() + " " + r.uri()).toList());
    Eventually.until(() -> settled("hubspot", 2), list -> list.stream()
        .allMatch(entry -> entry.getString("outcome").equals("delivered")));
  }

  @Test
  void hubspot_tokenRefused_deadLetterAtOnceWithTheCrmsAnswer() {
    receiver.answer(crm.hubspot());
    gateway = WebhookHarness.start(store.url(), clock, presetEndpoint("hubspot", "")
        .replace("token: " + FakeCrm.TOKEN, "token: revoked-token"));
    DomainEvent event = emit("lead-a");
    assertEquals("Bearer revoked-token", receiver.await(1).get(0).headers().get("authorization"));
    JsonObject letter = Eventually.until(() -> dead("hubspot"), list -> list.size() == 1).get(0);
    assertEquals(event.id(), letter.getString("id"));
    assertEquals(401, letter.getInteger("status"));
    assertEquals("not retried: HTTP 401", letter.getString("reason"));
    assertTrue(settled("hubspot", 1).get(0).getString("response").contains("INVALID_AUTHENTICATION"));
    clock.advance(Duration.ofHours(1));
    stillOnly(1);
  }

  @Test
  void hubspot_rateLimited_wholeExchangeRedoneAfterRetryAfter() {
    receiver.answer(crm.hubspot());
    crm.throttleNext.set("30");
    crm.existing("lead-a@acme.com", "51");
    start("hubspot", "retrySchedule: [0s, 1s, 1s]");
    emit("lead-a");
    receiver.await(1);
    assertEquals("retrying", settled("hubspot", 1).get(0).getString("outcome"));
    clock.advance(Duration.ofSeconds(5));
    stillOnly(1);
    clock.advance(Duration.ofSeconds(25));
    List<Receiver.Request> requests = receiver.await(3);
    assertEquals(List.of("POST /crm/v3/objects/contacts", "POST /crm/v3/objects/contacts",
        "PATCH /crm/v3/objects/contacts/51"), requests.stream().map(r -> r.method() + " " + r.uri()).toList());
    Eventually.until(() -> settled("hubspot", 2), list -> list.get(0).getString("outcome").equals("delivered")
        && list.get(0).getInteger("attempt") == 2);
  }

  @Test
  void pipedrive_newPerson_searchedByEmailThenCreated() {
    receiver.answer(crm.pipedrive());
    start("pipedrive", """
        payload:
          fields: {custom_fields.a1b2c3d4: data.first_touch.utm_campaign, custom_fields.e5f6a7b8: data.first_touch.gclid}""");
    emit("lead-a");
    List<Receiver.Request> requests = receiver.await(2);
    assertRequest(requests.get(0), "GET",
        "/api/v2/persons/search?term=lead-a%40acme.com&fields=email&exact_match=true&limit=1");
    assertEquals(FakeCrm.TOKEN, requests.get(0).headers().get("x-api-token"));
    assertNull(requests.get(0).headers().get("authorization"));
    assertRequest(requests.get(1), "POST", "/api/v2/persons");
    assertEquals(FakeCrm.TOKEN, requests.get(1).headers().get("x-api-token"));
    assertEquals(new JsonObject().put("name", "Ann Lee")
        .put("custom_fields", new JsonObject().put("a1b2c3d4", "spring-sale").put("e5f6a7b8", "Cj0KCQiA"))
        .put("emails", new JsonArray().add(new JsonObject().put("value", "lead-a@acme.com").put("primary", true)
            .put("label", "work"))), requests.get(1).json());
    assertEquals("delivered", settled("pipedrive", 1).get(0).getString("outcome"));
  }

  @Test
  void pipedrive_personFound_isPatched() {
    receiver.answer(crm.pipedrive());
    crm.existing("lead-a@acme.com", "7");
    start("pipedrive", "");
    emit("lead-a");
    List<Receiver.Request> requests = receiver.await(2);
    assertRequest(requests.get(1), "PATCH", "/api/v2/persons/7");
    assertEquals(new JsonObject().put("name", "Ann Lee"), requests.get(1).json());
    assertEquals("delivered", settled("pipedrive", 1).get(0).getString("outcome"));
    stillOnly(2);
  }

  @Test
  void salesforce_newLead_queriedByEmailThenCreated() {
    receiver.answer(crm.salesforce());
    start("salesforce", "");
    emit("lead-a");
    List<Receiver.Request> requests = receiver.await(2);
    assertRequest(requests.get(0), "GET", "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Lead%20WHERE%20Email"
        + "%20%3D%20%27lead-a%40acme.com%27%20AND%20IsConverted%20%3D%20false%20ORDER%20BY%20CreatedDate%20LIMIT%201");
    assertEquals("Bearer " + FakeCrm.TOKEN, requests.get(0).headers().get("authorization"));
    assertRequest(requests.get(1), "POST", "/services/data/v62.0/sobjects/Lead");
    assertEquals(new JsonObject().put("LeadSource", "Web").put("Email", "lead-a@acme.com").put("FirstName", "Ann")
        .put("LastName", "Lee").put("Company", "ACME").put("Title", "CTO").put("Leadgate_Source__c", "google / cpc")
        .put("UTM_Source__c", "google").put("UTM_Medium__c", "cpc").put("UTM_Campaign__c", "spring-sale")
        .put("GCLID__c", "Cj0KCQiA").put("MSCLKID__c", "ms-42"), requests.get(1).json());
    JsonObject log = settled("salesforce", 1).get(0);
    assertEquals("delivered", log.getString("outcome"));
    assertEquals(201, log.getInteger("status"));
  }

  @Test
  void salesforce_leadFound_isPatched() {
    receiver.answer(crm.salesforce());
    crm.existing("lead-a@acme.com", "00Q5f000001AbC");
    start("salesforce", "");
    emit("lead-a");
    List<Receiver.Request> requests = receiver.await(2);
    assertRequest(requests.get(1), "PATCH", "/services/data/v62.0/sobjects/Lead/00Q5f000001AbC");
    assertEquals(204, settled("salesforce", 1).get(0).getInteger("status"));
    stillOnly(2);
  }

  @Test
  void salesforce_duplicateRuleRefusesTheCreate_leadItMatchedIsUpdated() {
    receiver.answer(crm.salesforce());
    crm.existing("lead-a@acme.com", "00Q5f000009XyZ");
    crm.queryLags = true;
    start("salesforce", "");
    emit("lead-a");
    List<Receiver.Request> requests = receiver.await(3);
    assertEquals(List.of("GET", "POST", "PATCH"), requests.stream().map(Receiver.Request::method).toList());
    assertEquals("/services/data/v62.0/sobjects/Lead/00Q5f000009XyZ", requests.get(2).uri());
    JsonObject log = settled("salesforce", 1).get(0);
    assertEquals("delivered", log.getString("outcome"));
    assertTrue(dead("salesforce").isEmpty());
  }

  @Test
  void genericEndpointBesideAPreset_stillGetsTheSignedEnvelope() {
    Receiver generic = Receiver.start();
    try {
      receiver.answer(crm.hubspot());
      start(presetEndpoint("hubspot", "") + WebhookHarness.endpoint("generic", generic, "/hook", ""));
      DomainEvent event = emit("lead-a");
      Receiver.Request envelope = generic.await(1).get(0);
      assertEquals(event.id(), envelope.id());
      assertTrue(WebhookHarness.verifies(envelope));
      assertEquals("lead.created", envelope.json().getString("type"));
      Receiver.Request create = receiver.await(1).get(0);
      assertEquals("POST /crm/v3/objects/contacts", create.method() + " " + create.uri());
    } finally {
      generic.close();
    }
  }
}
