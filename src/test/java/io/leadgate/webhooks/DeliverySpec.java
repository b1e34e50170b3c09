package io.leadgate.webhooks;

import static io.leadgate.webhooks.WebhookHarness.api;
import static io.leadgate.webhooks.WebhookHarness.deliveries;
import static io.leadgate.webhooks.WebhookHarness.emit;
import static io.leadgate.webhooks.WebhookHarness.endpoint;
import static io.leadgate.webhooks.WebhookHarness.verifies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.OneStore;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook delivery end to end: outbox → dispatcher → a real HTTP receiver, with time moved forward by the test.
 * Runs on the in-memory store and on Redis (the subclasses).
 */
abstract class DeliverySpec {
  Receiver receiver;
  TestClock clock;
  TestGateway gateway;

  @RegisterExtension
  static final OneStore store = OneStore.asTheClassRunsOn().emptiedBeforeEach();

  @BeforeEach
  void startReceiver() {
    receiver = Receiver.start();
    clock = new TestClock();
  }

  @AfterEach
  void stopAll() {
    if (gateway != null) {
      gateway.close();
    }
    receiver.close();
  }

  void start(String endpoints) {
    gateway = WebhookHarness.start(store.url(), clock, endpoints);
  }

  void crm(String extra) {
    start(endpoint("crm", receiver, "/hook", extra));
  }

  DomainEvent emit(String lead, long seq) {
    return WebhookHarness.emit(gateway, lead, seq, clock);
  }

  /** Checks for a while that nothing more arrives than {@code count} requests. */
  void stillOnly(int count) {
    sleep(250);

    assertEquals(count, receiver.received().size(), () -> "requests: " + receiver.received());
  }

  /**
   * Waits until the dispatcher has settled {@code attempts} attempts (they are in the delivery log). Moving the
   * clock before that would move the time the retry is computed from.
   */
  void settled(int attempts) {
    settled("crm", attempts);
  }

  void settled(String endpoint, int attempts) {
    Eventually.until(() -> deliveries(gateway, endpoint, "?limit=1000"), list -> list.size() >= attempts);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void event_deliveredSignedPerStandardWebhooks_withTheEventIdAsWebhookId() {
    crm("");
    DomainEvent event = emit("lead-a", 1);
    Receiver.Request request = receiver.await(1).get(0);
    assertEquals(event.id(), request.id());
    assertEquals(Long.toString(clock.millis() / 1000), request.timestamp());
    assertTrue(verifies(request), "the signature verifies with the endpoint's secret");
    assertTrue(request.signature().startsWith("v1,"));
    assertEquals("application/json", request.headers().get("content-type"));
    JsonObject body = request.json();
    assertEquals("lead.created", body.getString("type"));
    assertEquals("lead-a@acme.com", body.getJsonObject("data").getString("email"));
    assertEquals("/hook", request.path());
    Eventually.until(() -> deliveries(gateway, "crm", ""), list -> list.size() == 1
        && list.get(0).getString("outcome").equals("delivered"));
  }

  // Regression: ready-line entry ids are unique per shard stream only; the dispatcher keyed the jobs it held by entry
  // id alone, so of two jobs from different shards added in the same millisecond it dropped the second, which then
  // waited for the visibility time-out to be claimed back.
  @Test
  void manyLeadsAtOnce_allDeliveredWithoutWaitingForAClaim() {
    gateway = WebhookHarness.start(store.url(), clock,
        WebhookHarness.DELIVERY.replace("claimAfter: 1s", "claimAfter: 1h"), endpoint("crm", receiver, "/hook", ""));
    for (int i = 0; i < 64; i++) {
      emit("lead-" + i, 1);
    }
    assertEquals(64, receiver.await(64).stream().map(Receiver.Request::id).distinct().count());
  }

  @Test
  void serverError_retriedAfterTheScheduledDelay_sameIdFreshTimestampAndSignature() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.status(500) : Reply.ok());
    crm("");
    DomainEvent event = emit("lead-a", 1);
    receiver.await(1);
    settled(1);
    stillOnly(1);
    clock.advance(Duration.ofSeconds(5));
    List<Receiver.Request> requests = receiver.await(2);
    assertEquals(event.id(), requests.get(1).id(), "webhook-id stays the same across retries");
    assertEquals(Long.parseLong(requests.get(0).timestamp()) + 5, Long.parseLong(requests.get(1).timestamp()));
    assertNotEquals(requests.get(0).signature(), requests.get(1).signature());
    assertTrue(verifies(requests.get(1)));
    stillOnly(2);
  }

  @Test
  void tooManyRequests_nextAttemptWaitsForRetryAfter() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.retryAfter(429, "60") : Reply.ok());
    crm("retrySchedule: [0s, 1s, 1s]");
    emit("lead-a", 1);
    settled(1);
    clock.advance(Duration.ofSeconds(1));
    stillOnly(1);
    clock.advance(Duration.ofSeconds(59));
    receiver.await(2);
  }

  @Test
  void hangingReceiver_timesOut_andIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.hanging() : Reply.ok());
    crm("timeout: 500ms");
    emit("lead-a", 1);
    List<JsonObject> log = Eventually.until(() -> deliveries(gateway, "crm", ""), list -> !list.isEmpty());
    assertEquals("retrying", log.get(0).getString("outcome"));
    assertTrue(log.get(0).getString("error").contains("timed out after 500 ms"), log.get(0).encode());
    clock.advance(Duration.ofSeconds(5));
    receiver.await(2);
    Eventually.until(() -> deliveries(gateway, "crm", ""), list -> list.size() == 2
        && list.get(0).getString("outcome").equals("delivered"));
  }

  @Test
  void clientError_deadAtOnce_thenReplayedByIdWithTheSameWebhookId() {
    receiver.answer(r -> Reply.status(422));
    crm("");
    DomainEvent event = emit("lead-a", 1);
    receiver.await(1);
    JsonObject dead = Eventually.until(() -> api(gateway, HttpMethod.GET, "/api/webhooks/crm/dead", null)
        .bodyAsJsonObject(), body -> body.getJsonArray("dead").size() == 1).getJsonArray("dead").getJsonObject(0);
    assertEquals(event.id(), dead.getString("id"));
    assertEquals(422, dead.getInteger("status"));
    clock.advance(Duration.ofHours(1));
    stillOnly(1);

    receiver.answer(r -> Reply.ok());
    var replay = api(gateway, HttpMethod.POST, "/api/webhooks/crm/replay", new JsonObject().put("id", event.id()));
    assertEquals(202, replay.statusCode(), replay.bodyAsString());
    assertEquals(event.id(), receiver.await(2).get(1).id());
    Eventually.until(() -> api(gateway, HttpMethod.GET, "/api/webhooks/crm/dead", null).bodyAsJsonObject(),
        body -> body.getJsonArray("dead").isEmpty());
  }

  @Test
  void redirect_isNotFollowed_andCountsAsAFailure() {
    receiver.answer(r -> r.path().equals("/hook")
        ? new Reply(302, java.util.Map.of("Location", receiver.url("/elsewhere")), "", false) : Reply.ok());
    crm("");
    emit("lead-a", 1);
    receiver.await(1);
    stillOnly(1);
    assertTrue(receiver.received().stream().noneMatch(r -> r.path().equals("/elsewhere")));
    assertEquals("retrying", Eventually.until(() -> deliveries(gateway, "crm", ""), l -> !l.isEmpty()).get(0)
        .getString("outcome"));
  }

  @Test
  void gone_disablesTheEndpoint_recordsAnOpsEvent_andLaterEventsWaitAsDeadLetters() {
    receiver.answer(r -> Reply.status(410));
    crm("");
    long start = clock.millis();
    emit("lead-a", 1);
    receiver.await(1);
    JsonObject state = Eventually.until(() -> api(gateway, HttpMethod.GET, "/api/webhooks/crm", null)
        .bodyAsJsonObject(), s -> !s.getBoolean("enabled"));
    assertTrue(state.getString("disabledReason").contains("410"), state.encode());
    JsonObject opsEvent = api(gateway, HttpMethod.GET, "/api/ops/events", null).bodyAsJsonObject()
        .getJsonArray("events").getJsonObject(0);
    assertEquals("endpoint.disabled", opsEvent.getString("type"));
    assertEquals("crm", opsEvent.getString("endpoint"));

    emit("lead-b", 1);
    Eventually.until(() -> api(gateway, HttpMethod.GET, "/api/webhooks/crm/dead", null).bodyAsJsonObject(),
        body -> body.getJsonArray("dead").size() == 2);
    stillOnly(1);

    receiver.answer(r -> Reply.ok());
    assertEquals(200, api(gateway, HttpMethod.POST, "/api/webhooks/crm/enable", null).statusCode());
    var replay = api(gateway, HttpMethod.POST, "/api/webhooks/crm/replay",
        new JsonObject().put("since", java.time.Instant.ofEpochMilli(start).toString()));
    assertEquals(2, replay.bodyAsJsonObject().getInteger("replayed"), replay.bodyAsString());
    receiver.await(3);
  }

  @Test
  void lastAttemptFails_deadLetter_thenReplayOfAllDeadSinceDeliversThem() {
    receiver.answer(r -> Reply.status(503));
    crm("retrySchedule: [0s, 1m, 1h]");
    long start = clock.millis();
    DomainEvent a = emit("lead-a", 1);
    DomainEvent b = emit("lead-b", 1);
    settled(2);
    clock.advance(Duration.ofMinutes(1));
    settled(4);
    clock.advance(Duration.ofHours(1));
    settled(6);
    clock.advance(Duration.ofDays(2));
    stillOnly(6);
    Eventually.until(() -> api(gateway, HttpMethod.GET, "/api/webhooks/crm/dead", null).bodyAsJsonObject(),
        body -> body.getJsonArray("dead").size() == 2);
    JsonObject crm = api(gateway, HttpMethod.GET, "/api/webhooks/crm", null).bodyAsJsonObject();
    assertEquals(0, crm.getInteger("retrying"));

    receiver.answer(r -> Reply.ok());
    var replay = api(gateway, HttpMethod.POST, "/api/webhooks/crm/replay", new JsonObject().put("since", start));
    assertEquals(2, replay.bodyAsJsonObject().getInteger("replayed"));
    List<Receiver.Request> all = receiver.await(8);
    assertEquals(java.util.Set.of(a.id(), b.id()), java.util.Set.of(all.get(6).id(), all.get(7).id()));
  }

  @Test
  void failingWithoutABreakForFiveDays_disablesTheEndpoint() {
    receiver.answer(r -> Reply.status(500));
    crm("retrySchedule: [0s, 1d, 1d, 1d, 1d, 1d, 1d, 1d]");
    emit("lead-a", 1);
    for (int day = 1; day <= 4; day++) {
      settled(day);
      clock.advance(Duration.ofDays(1));
    }
    settled(5);
    assertTrue(api(gateway, HttpMethod.GET, "/api/webhooks/crm", null).bodyAsJsonObject().getBoolean("enabled"),
        "four days of failures are not enough");
    clock.advance(Duration.ofDays(1));
    receiver.await(6);
    JsonObject state = Eventually.until(() -> api(gateway, HttpMethod.GET, "/api/webhooks/crm", null)
        .bodyAsJsonObject(), s -> !s.getBoolean("enabled"));
    assertTrue(state.getString("disabledReason").contains("failing without a single success since"), state.encode());
    assertEquals("endpoint.disabled", api(gateway, HttpMethod.GET, "/api/ops/events", null).bodyAsJsonObject()
        .getJsonArray("events").getJsonObject(0).getString("type"));
    clock.advance(Duration.ofDays(1));
    stillOnly(6);
  }

  @Test
  void laterEventOfALead_waitsWhileTheEarlierOneRetries_otherLeadsFlow() {
    AtomicInteger firstTries = new AtomicInteger();
    receiver.answer(r -> r.json().getString("lead").equals("lead-l") && r.json().getLong("seq") == 1
        && firstTries.incrementAndGet() <= 2 ? Reply.status(500) : Reply.ok());
    crm("");
    DomainEvent[] first = {emit("lead-l", 1)};
    DomainEvent second = emit("lead-l", 2);
    DomainEvent third = emit("lead-l", 3);
    DomainEvent other = emit("lead-m", 1);
    settled(2);
    assertTrue(receiver.received().stream().anyMatch(r -> r.id().equals(other.id())));
    stillOnly(2);
    clock.advance(Duration.ofSeconds(5));
    settled(3);
    stillOnly(3);
    clock.advance(Duration.ofMinutes(5));
    receiver.await(6);
    List<String> lead = receiver.received().stream().map(Receiver.Request::id).filter(id -> !id.equals(other.id()))
        .toList();
    assertEquals(List.of(first[0].id(), first[0].id(), first[0].id(), second.id(), third.id()), lead);
  }

  @Test
  void receiverDownForAWhile_thenBack_everyEventArrives() {
    receiver.stop();
    crm("");
    for (int i = 0; i < 5; i++) {
      emit("lead-" + i, 1);
    }
    List<JsonObject> failures = Eventually.until(() -> deliveries(gateway, "crm", ""), list -> list.size() == 5);
    assertTrue(failures.stream().allMatch(f -> f.getString("outcome").equals("retrying")
        && f.getString("error").startsWith("connection failed")), failures.toString());
    receiver.startAgain();
    clock.advance(Duration.ofSeconds(5));
    assertEquals(5, receiver.await(5).stream().map(Receiver.Request::id).distinct().count());
  }

  @Test
  void mappingFilterAndHeaders_shapeWhatACrmIntakeApiReceives() {
    start(endpoint("crm", receiver, "/hook", "") + endpoint("sales", receiver, "/sales", """
        events: ["lead.stage_changed:sql"]
        headers: {X-Api-Key: crm-key-1}
        payload: {fields: {email: data.email, company.name: data.fields.company, lifecycle: data.to}, constants: {source: leadgate}}
        """));
    emit("lead-a", 1);
    WebhookHarness.emit(gateway, "lead-a", 2, LeadEvents.STAGE_CHANGED,
        new JsonObject().put("stage", "mql").put("from", "lead").put("to", "mql"), clock);
    DomainEvent sql = WebhookHarness.emit(gateway, "lead-a", 3, LeadEvents.STAGE_CHANGED,
        new JsonObject().put("stage", "sql").put("from", "mql").put("to", "sql"), clock);
    receiver.await(4);
    stillOnly(4);
    List<Receiver.Request> sales = receiver.received().stream().filter(r -> r.path().equals("/sales")).toList();
    assertEquals(1, sales.size());
    assertEquals(sql.id(), sales.get(0).id());
    assertEquals("crm-key-1", sales.get(0).headers().get("X-Api-Key"));
    assertEquals(new JsonObject().put("source", "leadgate").put("email", "lead-a@acme.com")
        .put("company", new JsonObject().put("name", "ACME")).put("lifecycle", "sql"), sales.get(0).json());
    assertTrue(verifies(sales.get(0)));
  }

  @Test
  void deadEndpoint_doesNotHoldUpTheOthers() {
    receiver.answer(r -> r.path().equals("/slow") ? Reply.hanging() : Reply.ok());
    start(endpoint("slow", receiver, "/slow", "timeout: 3s\nconcurrency: 2")
        + endpoint("fast", receiver, "/fast", ""));
    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      emit("lead-" + i, 1);
    }
    Eventually.until(() -> receiver.received().stream().filter(r -> r.path().equals("/fast")).count(), n -> n == 20);
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertTrue(ms < 2500, "the fast endpoint got all 20 in " + ms + " ms, before the slow one's first time-out");
    assertTrue(receiver.received().stream().filter(r -> r.path().equals("/slow")).count() <= 2,
        "the slow endpoint never has more than its concurrency in flight");
  }

  @Test
  void deliveryLog_perEndpointAndPerLead_newestFirst_behindTheApiKey() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.status(500) : Reply.ok());
    crm("");
    emit("lead-a", 1);
    settled(1);
    clock.advance(Duration.ofSeconds(5));
    receiver.await(2);
    emit("lead-b", 1);
    receiver.await(3);
    List<JsonObject> all = Eventually.until(() -> deliveries(gateway, "crm", ""), list -> list.size() == 3);
    assertEquals("lead-b", all.get(0).getString("lead"));
    List<JsonObject> leadA = deliveries(gateway, "crm", "?lead=lead-a");
    assertEquals(2, leadA.size());
    assertEquals(200, leadA.get(0).getInteger("status"));
    assertEquals(2, leadA.get(0).getInteger("attempt"));
    assertEquals(500, leadA.get(1).getInteger("status"));
    assertEquals("status 500", leadA.get(1).getString("response"));
    assertTrue(leadA.get(1).containsKey("latencyMs"));

    var anonymous = WebhookHarness.call(gateway, HttpMethod.GET, "/api/webhooks/crm/deliveries", null, null);
    assertEquals(401, anonymous.statusCode());
    assertEquals("missing_api_key", anonymous.bodyAsJsonObject().getJsonObject("error").getString("code"));
    var unknown = api(gateway, HttpMethod.GET, "/api/webhooks/nope/deliveries", null);
    assertEquals(404, unknown.statusCode());
  }

  @Test
  void speedToLead_fromTheEventToItsDeliveryOverTheRange_medianAndP90() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.status(500) : Reply.ok());
    crm("");
    long start = clock.millis();
    emit("lead-a", 1);
    settled(1);
    clock.advance(Duration.ofSeconds(5));
    receiver.await(2);
    emit("lead-b", 1);
    receiver.await(3);
    Eventually.until(() -> deliveries(gateway, "crm", ""), list -> list.size() == 3);
    JsonObject speed = api(gateway, HttpMethod.GET, "/api/webhooks/crm/speed-to-lead?from=" + start, null)
        .bodyAsJsonObject();
    assertEquals(2, speed.getInteger("leads"), speed.encode());
    assertEquals(0L, speed.getLong("medianMs"));
    assertEquals(5000L, speed.getLong("p90Ms"));
    JsonObject later = api(gateway, HttpMethod.GET, "/api/webhooks/crm/speed-to-lead?from="
        + (clock.millis() + 1) + "&to=" + (clock.millis() + 60_000), null).bodyAsJsonObject();
    assertEquals(0, later.getInteger("leads"));
    assertTrue(later.containsKey("medianMs") && later.getValue("medianMs") == null);
  }

  @Test
  void metrics_countDeliveredRetryingAndDead() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> switch (calls.incrementAndGet()) {
      case 1 -> Reply.status(500);
      case 2 -> Reply.ok();
      default -> Reply.status(400);
    });
    crm("");
    emit("lead-a", 1);
    settled(1);
    clock.advance(Duration.ofSeconds(5));
    receiver.await(2);
    emit("lead-b", 1);
    receiver.await(3);
    String metrics = Eventually.until(() -> gateway.gateway().metrics().scrape(),
        m -> m.contains("leadgate_webhooks_dead_total{endpoint=\"crm\"} 1.0"));
    assertTrue(metrics.contains("leadgate_webhooks_delivered_total{endpoint=\"crm\"} 1.0"), metrics);
    assertTrue(metrics.contains("leadgate_webhooks_retrying_total{endpoint=\"crm\"} 1.0"), metrics);
    assertTrue(metrics.contains("leadgate_webhooks_lag_seconds_count{endpoint=\"crm\"} 1"), metrics);
    assertFalse(metrics.contains("leadgate_webhooks_delivered_total{endpoint=\"crm\"} 2.0"));
  }
}
