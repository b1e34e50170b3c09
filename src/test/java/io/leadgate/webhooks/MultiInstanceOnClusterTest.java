package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateway instances on one Redis Cluster share the deliveries; one that dies leaves its work to the other. */
class MultiInstanceOnClusterTest {
  static final RedisCluster cluster = RedisCluster.shared();
  Receiver receiver;
  final TestClock clock = new TestClock();
  final List<TestGateway> gateways = new ArrayList<>();

  @BeforeEach
  void start() {
    cluster.flush();
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() {
    gateways.forEach(TestGateway::close);
    receiver.close();
  }

  TestGateway instance(String extra) {
    TestGateway gateway = WebhookHarness.start(cluster.url(), clock, WebhookHarness.endpoint("crm", receiver, "/hook",
        extra));
    gateways.add(gateway);
    return gateway;
  }

  @Test
  void twoInstancesOnACluster_everyEventDeliveredOnce_eachLeadInOrder() {
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
  }

  @Test
  void instanceKilledMidSendOnACluster_anotherTakesTheDeliveryOver() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.hanging() : Reply.ok());
    TestGateway first = instance("timeout: 3s");
    DomainEvent event = WebhookHarness.emit(first, "lead-a", 1, clock);
    receiver.await(1);
    instance("timeout: 3s");
    long killedAt = System.nanoTime();
    MultiInstanceOnRedisTest.crash(first);

    List<Receiver.Request> requests = receiver.await(2);
    long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
    assertEquals(event.id(), requests.get(1).id(), "the same webhook-id, so the receiver can de-duplicate");
    assertTrue(tookMs >= 900, "taken over only once the first instance was silent for claimAfter (" + tookMs + " ms)");
  }
}
