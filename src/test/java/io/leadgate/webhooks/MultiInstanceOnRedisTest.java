package io.leadgate.webhooks;

import static io.leadgate.webhooks.WebhookHarness.api;
import static io.leadgate.webhooks.WebhookHarness.deliveries;
import static io.leadgate.webhooks.WebhookHarness.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.redis.RedisKeys;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several gateway instances on one Redis: they share the deliveries, and one that dies leaves nothing behind. */
class MultiInstanceOnRedisTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  Receiver receiver;
  final TestClock clock = new TestClock();
  final List<TestGateway> gateways = new ArrayList<>();

  @BeforeEach
  void start() {
    redis.flush();
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() {
    gateways.forEach(TestGateway::close);
    receiver.close();
  }

  TestGateway instance(String extra) {
    TestGateway gateway = WebhookHarness.start(redis.url(), clock, endpoint("crm", receiver, "/hook", extra));
    gateways.add(gateway);
    return gateway;
  }

  /**
   * As close to {@code kill -9} as one JVM allows: its Redis connections are cut first, so nothing it does from now
   * on (settling, renewing its claim) reaches the store, then its Vert.x is closed.
   */
  static void crash(TestGateway gateway) {
    try {
      gateway.gateway().stores().close().await(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // already closing
    }
    gateway.vertx().close();
  }

  @Test
  void instanceKilledMidSend_anotherTakesTheDeliveryOverAfterTheVisibilityTimeout() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.hanging() : Reply.ok());
    TestGateway first = instance("timeout: 3s");
    DomainEvent event = WebhookHarness.emit(first, "lead-a", 1, clock);
    receiver.await(1);
    TestGateway second = instance("timeout: 3s");
    long killedAt = System.nanoTime();
    crash(first);

    List<Receiver.Request> requests = receiver.await(2);
    long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
    assertEquals(event.id(), requests.get(1).id(), "the same webhook-id, so the receiver can de-duplicate");
    assertTrue(tookMs >= 900, "taken over only once the first instance was silent for claimAfter (" + tookMs + " ms)");
    Eventually.until(() -> deliveries(second, "crm", ""), list -> !list.isEmpty()
        && list.get(0).getString("outcome").equals("delivered"));
    JsonObject crm = Eventually.until(() -> api(second, HttpMethod.GET, "/api/webhooks/crm", null).bodyAsJsonObject(),
        state -> state.getLong("ready") == 0);
    assertEquals(0, crm.getLong("retrying"));
    clock.advance(Duration.ofHours(1));
    DeliverySpec.sleep(300);
    assertEquals(2, receiver.received().size(), "delivered once, nothing left to retry");
  }

  @Test
  void twoInstancesOnOneQueue_everyEventDeliveredOnce_eachLeadInOrder() {
    TestGateway a = instance("");
    TestGateway b = instance("");
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (int seq = 1; seq <= 5; seq++) {
      for (int lead = 0; lead < 20; lead++) {
        DomainEvent event = WebhookHarness.emit(lead % 2 == 0 ? a : b, "lead-" + lead, seq, clock);
        expected.computeIfAbsent(event.leadId(), l -> new ArrayList<>()).add(event.id());
      }
    }
    receiver.await(100);
    DeliverySpec.sleep(500);
    List<Receiver.Request> all = receiver.received();
    assertEquals(100, all.size(), "none twice");
    Map<String, List<String>> arrived = new LinkedHashMap<>();
    all.forEach(r -> arrived.computeIfAbsent(r.json().getString("lead"), l -> new ArrayList<>()).add(r.id()));
    assertEquals(expected, arrived, "every lead's events in the order they happened");
    double byA = delivered(a);
    double byB = delivered(b);
    assertEquals(100, byA + byB, 0.0);
    System.out.println("deliveries by instance: " + byA + " / " + byB);
  }

  @Test
  void afterDelivery_outboxTrimmedAndNoQueueLeftBehind() throws Exception {
    TestGateway gateway = instance("");
    for (int i = 0; i < 40; i++) {
      WebhookHarness.emit(gateway, "lead-" + i, 1, clock);
    }
    receiver.await(40);
    Eventually.until(() -> deliveries(gateway, "crm", "?limit=100"), list -> list.size() == 40);
    long before = outboxLength();
    long trimmed = gateway.gateway().stores().outboxReader().trim().await(5, TimeUnit.SECONDS);
    assertTrue(trimmed > 0 && outboxLength() <= RedisKeys.SHARDS, before + " entries, trimmed " + trimmed);
    assertEquals("", redis.command("KEYS", "lg:*:wh:crm:q:*"), "no lead queue left");
    assertEquals("", redis.command("KEYS", "lg:*:wh:crm:retry"), "no retry left");
    long ready = 0;
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      ready += Long.parseLong(redis.command("XLEN", RedisKeys.webhookReady("crm", s)));
    }
    assertEquals(0, ready, "settled jobs are deleted from the ready lines");
  }

  @Test
  void outboxTrim_keepsWhatAnotherGroupHasNotRead() throws Exception {
    TestGateway gateway = instance("");
    redis.command("XGROUP", "CREATE", RedisKeys.outbox(RedisKeys.leadShard("lead-x")), "scoring", "0", "MKSTREAM");
    WebhookHarness.emit(gateway, "lead-x", 1, clock);
    receiver.await(1);
    gateway.gateway().stores().outboxReader().trim().await(5, TimeUnit.SECONDS);
    assertEquals("1", redis.command("XLEN", RedisKeys.outbox(RedisKeys.leadShard("lead-x"))),
        "the entry stays until the scoring group has read and acknowledged it too");
  }

  private static long outboxLength() {
    long total = 0;
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      total += Long.parseLong(redis.command("XLEN", RedisKeys.outbox(s)));
    }
    return total;
  }

  private static double delivered(TestGateway gateway) {
    return gateway.gateway().metrics().scrape().lines()
        .filter(l -> l.startsWith("leadgate_webhooks_delivered_total{endpoint=\"crm\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
