package io.leadgate.webhooks;

import static io.leadgate.webhooks.WebhookHarness.api;
import static io.leadgate.webhooks.WebhookHarness.deliveries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.redis.RedisKeys;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several gateway instances on one Redis: they share the deliveries, and one that dies leaves nothing behind. */
class MultiInstanceOnRedisTest {
  @RegisterExtension
  static final Instances instances = Instances.onServer();

  @Test
  void instanceKilledMidSend_anotherTakesTheDeliveryOverAfterTheVisibilityTimeout() {
    TestGateway second = instances.crashMidSend();
    Eventually.until(() -> deliveries(second, "crm", ""), list -> !list.isEmpty()
        && list.get(0).getString("outcome").equals("delivered"));
    JsonObject crm = Eventually.until(() -> api(second, HttpMethod.GET, "/api/webhooks/crm", null).bodyAsJsonObject(),
        state -> state.getLong("ready") == 0);
    assertEquals(0, crm.getLong("retrying"));
    instances.clock().advance(Duration.ofHours(1));
    DeliverySpec.sleep(300);
    assertEquals(2, instances.receiver().received().size(), "delivered once, nothing left to retry");
  }

  @Test
  void twoInstancesOnOneQueue_everyEventDeliveredOnce_eachLeadInOrder() {
    TestGateway a = instances.start("");
    TestGateway b = instances.start("");
    instances.assertDeliveredOnceInOrder(a, b);
    double byA = delivered(a);
    double byB = delivered(b);
    assertEquals(100, byA + byB, 0.0);
    System.out.println("deliveries by instance: " + byA + " / " + byB);
  }

  @Test
  void afterDelivery_outboxTrimmedAndNoQueueLeftBehind() throws Exception {
    TestGateway gateway = instances.start("");
    for (int i = 0; i < 40; i++) {
      WebhookHarness.emit(gateway, "lead-" + i, 1, instances.clock());
    }
    instances.receiver().await(40);
    Eventually.until(() -> deliveries(gateway, "crm", "?limit=100"), list -> list.size() == 40);
    long before = outboxLength();
    long trimmed = gateway.gateway().stores().outboxReader().trim().await(5, TimeUnit.SECONDS);
    assertTrue(trimmed > 0 && outboxLength() <= RedisKeys.SHARDS, before + " entries, trimmed " + trimmed);
    assertEquals("", instances.server().command("KEYS", "lg:*:wh:crm:q:*"), "no lead queue left");
    assertEquals("", instances.server().command("KEYS", "lg:*:wh:crm:retry"), "no retry left");
    long ready = 0;
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      ready += Long.parseLong(instances.server().command("XLEN", RedisKeys.webhookReady("crm", s)));
    }
    assertEquals(0, ready, "settled jobs are deleted from the ready lines");
  }

  @Test
  void outboxTrim_keepsWhatAnotherGroupHasNotRead() throws Exception {
    TestGateway gateway = instances.start("");
    instances.server().command("XGROUP", "CREATE", RedisKeys.outbox(RedisKeys.leadShard("lead-x")), "scoring", "0",
        "MKSTREAM");
    WebhookHarness.emit(gateway, "lead-x", 1, instances.clock());
    instances.receiver().await(1);
    gateway.gateway().stores().outboxReader().trim().await(5, TimeUnit.SECONDS);
    assertEquals("1", instances.server().command("XLEN", RedisKeys.outbox(RedisKeys.leadShard("lead-x"))),
        "the entry stays until the scoring group has read and acknowledged it too");
  }

  private static long outboxLength() {
    long total = 0;
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      total += Long.parseLong(instances.server().command("XLEN", RedisKeys.outbox(s)));
    }
    return total;
  }

  private static double delivered(TestGateway gateway) {
    return gateway.gateway().metrics().scrape().lines()
        .filter(l -> l.startsWith("leadgate_webhooks_delivered_total{endpoint=\"crm\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
