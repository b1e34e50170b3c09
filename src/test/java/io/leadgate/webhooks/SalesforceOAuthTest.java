package io.leadgate.webhooks;

import static io.leadgate.webhooks.WebhookHarness.api;
import static io.leadgate.webhooks.WebhookHarness.deliveries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.OneStore;
import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.leadgate.testing.RunsOn;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Salesforce preset with client credentials ({@code oauth}) end to end: outbox → dispatcher → {@link FakeCrm}'s
 * token endpoint and API on one in-process receiver. The token is the gateway's own business, not the store's, so
 * this runs on the in-memory store only.
 */
@RunsOn(Kind.MEMORY)
class SalesforceOAuthTest {
  static final String TOKEN_REQUEST = "POST " + FakeCrm.TOKEN_PATH;
  static final String QUERY = "GET /services/data/v62.0/query";
  static final String CREATE = "POST /services/data/v62.0/sobjects/Lead";

  @RegisterExtension
  static final OneStore store = OneStore.asTheClassRunsOn().emptiedBeforeEach();

  Receiver receiver;
  FakeCrm crm;
  TestClock clock;
  TestGateway gateway;

  @BeforeEach
  void startReceiver() {
    receiver = Receiver.start();
    crm = new FakeCrm();
    receiver.answer(crm.salesforce());
    clock = new TestClock();
  }

  @AfterEach
  void stopAll() {
    if (gateway != null) {
      gateway.close();
    }
    receiver.close();
  }

  void start(String oauth, String extra) {
    gateway = WebhookHarness.start(store.url(), clock, """
          - id: salesforce
            preset: salesforce
            url: %s
            oauth: %s
            allowSubnets: [127.0.0.0/8]
            timeout: 2s
            %s
        """.formatted(receiver.url(""), oauth, extra));
  }

  static String oauth(String clientSecret) {
    return "{clientId: %s, clientSecret: %s}".formatted(FakeCrm.CLIENT_ID, clientSecret);
  }

  void start() {
    start(oauth(FakeCrm.CLIENT_SECRET), "");
  }

  DomainEvent emit(String lead) {
    return WebhookHarness.emit(gateway, lead, 1, LeadEvents.CREATED, new JsonObject()
        .put("fields", new JsonObject().put("name", "Ann Lee")), clock);
  }

  List<JsonObject> settled(int attempts) {
    return Eventually.until(() -> deliveries(gateway, "salesforce", "?limit=1000"), list -> list.size() >= attempts);
  }

  List<JsonObject> dead() {
    return api(gateway, HttpMethod.GET, "/api/webhooks/salesforce/dead", null).bodyAsJsonObject()
        .getJsonArray("dead").stream().map(o -> (JsonObject) o).toList();
  }

  List<String> requests() {
    return receiver.received().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  void assertNoSecretIn(String text) {
    assertFalse(text.contains(FakeCrm.CLIENT_SECRET), () -> "the client secret leaked: " + text);
    crm.issued.forEach(session -> assertFalse(text.contains(session), () -> "a token leaked: " + text));
  }

  @Test
  void firstDelivery_fetchesATokenWithTheClientCredentials_andSendsItAsBearer() {
    start();
    emit("lead-a");
    List<Receiver.Request> sent = receiver.await(3);
    Receiver.Request token = sent.get(0);
    assertEquals(TOKEN_REQUEST, token.method() + " " + token.uri());
    assertEquals("application/x-www-form-urlencoded", token.headers().get("content-type"));
    assertEquals("grant_type=client_credentials&client_id=" + FakeCrm.CLIENT_ID + "&client_secret="
        + FakeCrm.CLIENT_SECRET, token.body());
    String session = crm.sessions.iterator().next();
    assertEquals("Bearer " + session, sent.get(1).headers().get("authorization"));
    assertEquals("Bearer " + session, sent.get(2).headers().get("authorization"));
    assertEquals("delivered", settled(1).get(0).getString("outcome"));
  }

  @Test
  void tokenIsFetchedOnce_andReusedForLaterDeliveries() {
    start();
    emit("lead-a");
    settled(1);
    emit("lead-b");
    assertEquals("delivered", Eventually.until(() -> settled(2), list -> list.size() == 2).get(0).getString("outcome"));
    assertEquals(List.of(TOKEN_REQUEST, QUERY, CREATE, QUERY, CREATE), requests());
    assertEquals(1, crm.tokenRequests.get());
  }

  @Test
  void expiredToken_isReplacedAndTheRequestSentAgain_andTheDeliverySucceeds() {
    start();
    emit("lead-a");
    settled(1);
    String old = crm.sessions.iterator().next();
    crm.expireSessions();
    emit("lead-b");
    List<JsonObject> log = Eventually.until(() -> settled(2), list -> list.size() == 2);
    assertEquals("delivered", log.get(0).getString("outcome"));
    assertEquals(1, log.get(0).getInteger("attempt"));
    assertEquals(List.of(TOKEN_REQUEST, QUERY, CREATE, QUERY, TOKEN_REQUEST, QUERY, CREATE), requests());
    List<Receiver.Request> sent = receiver.received();
    assertEquals("Bearer " + old, sent.get(3).headers().get("authorization"));
    assertEquals("Bearer " + crm.sessions.iterator().next(), sent.get(5).headers().get("authorization"));
    assertTrue(dead().isEmpty());
  }

  @Test
  void tokenRefusedAgainAfterARenewal_isNotRenewedTwice_andDeadLetters() {
    crm.refuseSessions = true;
    start();
    emit("lead-a");
    JsonObject letter = Eventually.until(this::dead, list -> list.size() == 1).get(0);
    assertEquals(401, letter.getInteger("status"));
    assertEquals("not retried: HTTP 401", letter.getString("reason"));
    assertEquals(List.of(TOKEN_REQUEST, QUERY, TOKEN_REQUEST, QUERY), requests());
  }

  @Test
  void refusedClientCredentials_deadLetterTheDeliveryWithTheTokenEndpointsError() {
    String wrongSecret = "not-the-consumer-secret";
    start(oauth(wrongSecret), "");
    DomainEvent event = emit("lead-a");
    JsonObject letter = Eventually.until(this::dead, list -> list.size() == 1).get(0);
    assertEquals(event.id(), letter.getString("id"));
    assertEquals(400, letter.getInteger("status"));
    assertEquals("not retried: the token endpoint refused the client credentials: HTTP 400: invalid_client "
        + "(invalid client credentials)", letter.getString("reason"));
    JsonObject log = settled(1).get(0);
    assertEquals("dead", log.getString("outcome"));
    assertEquals(List.of(TOKEN_REQUEST), requests(), "no API request without a token");
    assertFalse(letter.encode().contains(wrongSecret) || log.encode().contains(wrongSecret));
    clock.advance(Duration.ofHours(1));
    DeliverySpec.sleep(250);
    assertEquals(1, receiver.received().size());
  }

  @Test
  void refusedClientCredentials_areNotAskedAgainForAFewSeconds_soQueuedDeliveriesDoNotHammerTheTokenEndpoint() {
    start(oauth("not-the-consumer-secret"), "");
    emit("lead-a");
    Eventually.until(this::dead, list -> list.size() == 1);
    emit("lead-b"); // after the first one's fetch failed: not sharing it
    Eventually.until(this::dead, list -> list.size() == 2);
    assertEquals(List.of(TOKEN_REQUEST), requests(), "the second delivery met the held refusal");
    clock.advance(Duration.ofMillis(KeptToken.FAILURE_HELD_MS));
    emit("lead-c");
    Eventually.until(this::dead, list -> list.size() == 3);
    assertEquals(List.of(TOKEN_REQUEST, TOKEN_REQUEST), requests(), "asked again once the hold was over");
  }

  @Test
  void tokenEndpointAnswering503_makesTheDeliveryRetry_notDeadLetter() {
    crm.tokenEndpointAnswer.set(new Reply(503, Map.of("content-type", "application/json"),
        "{\"error\":\"unavailable\",\"error_description\":\"down for maintenance\"}", false));
    start(oauth(FakeCrm.CLIENT_SECRET), "retrySchedule: [0s, 5s, 5m]");
    emit("lead-a");
    JsonObject first = settled(1).get(0);
    assertEquals("retrying", first.getString("outcome"));
    assertEquals(503, first.getInteger("status"));
    assertEquals("the token endpoint answered HTTP 503: unavailable (down for maintenance)", first.getString("error"));
    assertTrue(dead().isEmpty());
    crm.tokenEndpointAnswer.set(null);
    clock.advance(Duration.ofSeconds(10));
    List<JsonObject> log = Eventually.until(() -> settled(2), list -> list.size() == 2);
    assertEquals("delivered", log.get(0).getString("outcome"));
    assertEquals(2, log.get(0).getInteger("attempt"));
  }

  @Test
  void unreachableTokenEndpoint_makesTheDeliveryRetry() {
    Receiver down = Receiver.start();
    down.close();
    start("{clientId: %s, clientSecret: %s, tokenUrl: \"%s\"}".formatted(FakeCrm.CLIENT_ID, FakeCrm.CLIENT_SECRET,
        down.url(FakeCrm.TOKEN_PATH)), "");
    emit("lead-a");
    JsonObject first = settled(1).get(0);
    assertEquals("retrying", first.getString("outcome"));
    assertTrue(first.getString("error").startsWith("the token endpoint did not answer: "), first.getString("error"));
    assertTrue(receiver.received().isEmpty());
  }

  @Test
  void concurrentDeliveries_shareOneTokenFetch() {
    start();
    for (int i = 0; i < 6; i++) {
      emit("lead-" + i);
    }
    List<JsonObject> log = Eventually.until(() -> settled(6), list -> list.size() == 6);
    assertTrue(log.stream().allMatch(l -> l.getString("outcome").equals("delivered")), log::toString);
    assertEquals(1, crm.tokenRequests.get());
  }

  @Test
  void clientSecretAndTokens_neverInTheDeliveryLogOrTheApi() {
    start();
    emit("lead-a");
    settled(1);
    crm.expireSessions();
    emit("lead-b");
    Eventually.until(() -> settled(2), list -> list.size() == 2);
    assertNoSecretIn(deliveries(gateway, "salesforce", "?limit=1000").toString());
    assertNoSecretIn(api(gateway, HttpMethod.GET, "/api/webhooks/salesforce", null).bodyAsString());
    assertNoSecretIn(api(gateway, HttpMethod.GET, "/api/webhooks", null).bodyAsString());
  }
}
