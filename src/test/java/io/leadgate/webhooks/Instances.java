package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.testing.OneStore;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gateway instances on one Redis store, delivering to one endpoint ({@code crm}, a {@link Receiver}): for each test
 * an emptied store, a new receiver and clock; the instances a test started are closed after it.
 * {@code @RegisterExtension static final Instances instances = Instances.onServer();} or {@code onCluster()}.
 */
final class Instances implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final OneStore store;
  private final List<TestGateway> started = new ArrayList<>();
  private Receiver receiver;
  private TestClock clock;

  private Instances(OneStore store) {
    this.store = store;
  }

  static Instances onServer() {
    return new Instances(OneStore.onServer());
  }

  static Instances onCluster() {
    return new Instances(OneStore.onCluster());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    store.open();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    store.flush();
    receiver = Receiver.start();
    clock = new TestClock();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(TestGateway::close);
    started.clear();
    receiver.close();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    store.close();
  }

  /** Starts another instance; {@code extra} is added to the endpoint's settings (e.g. {@code "timeout: 3s"}). */
  TestGateway start(String extra) {
    TestGateway gateway = WebhookHarness.start(store.url(), clock,
        WebhookHarness.endpoint("crm", receiver, "/hook", extra));
    started.add(gateway);
    return gateway;
  }

  Receiver receiver() {
    return receiver;
  }

  TestClock clock() {
    return clock;
  }

  /** The standalone server, for a test that reads its keys directly; none on a cluster. */
  RedisServer server() {
    return store.server();
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

  /**
   * Five events for each of 20 leads, the leads' alternately emitted by {@code a} and {@code b}: asserts that the
   * receiver got every one once, each lead's in the order they happened.
   */
  void assertDeliveredOnceInOrder(TestGateway a, TestGateway b) {
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

  /**
   * An instance crashes while the receiver holds its first request: asserts that a second instance sends the same
   * webhook again, only once the first was silent for the claim time. Answers the second instance.
   */
  TestGateway crashMidSend() {
    AtomicInteger calls = new AtomicInteger();
    receiver.answer(r -> calls.incrementAndGet() == 1 ? Reply.hanging() : Reply.ok());
    TestGateway first = start("timeout: 3s");
    DomainEvent event = WebhookHarness.emit(first, "lead-a", 1, clock);
    receiver.await(1);
    TestGateway second = start("timeout: 3s");
    long killedAt = System.nanoTime();
    crash(first);

    List<Receiver.Request> requests = receiver.await(2);
    long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
    assertEquals(event.id(), requests.get(1).id(), "the same webhook-id, so the receiver can de-duplicate");
    assertTrue(tookMs >= 900, "taken over only once the first instance was silent for claimAfter (" + tookMs + " ms)");
    return second;
  }
}
