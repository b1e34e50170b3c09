package io.leadgate.webhooks;

import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.DoubleSupplier;

/**
 * Delivers domain events from the outbox to the webhook endpoints. Every gateway instance runs one; they share the
 * work through the store's consumer groups, and take over what a dead instance left once it has been silent for
 * {@code claimAfter}.
 *
 * <p>Its parts, all on this verticle's event loop ({@link DispatcherLoop}), so their state needs no locks:
 * {@link OutboxFanout} queues each outbox event for the endpoints that want it; {@link SendLoop} takes ready jobs
 * for the {@link SendLane}s with room, which post them and apply each answer as {@link Settlement} decides it;
 * {@link EndpointHealth} keeps each endpoint's circuit and shared state; {@link DispatcherTimers} runs the periodic
 * work. Each endpoint has its own lane and circuit, so a dead receiver takes nothing from the others, and the intake
 * never waits for any of it.
 */
public final class Dispatcher extends VerticleBase {
  private static final long STOP_WAIT_MAX_MS = 10_000;

  private final OutboxReader outbox;
  private final WebhookStore store;
  private final DeliveryLog log;
  private final List<Endpoint> endpoints;
  private final DeliveryConfig settings;
  private final Clock clock;
  private final Metrics metrics;
  private final SsrfGuard.Resolver resolver;
  private final DoubleSupplier random;
  private final String consumer = "wh-" + UUID.randomUUID();
  private DispatcherLoop loop;
  private WebhookSender sender;
  private SendLoop sends;

  /**
   * @param resolver the name resolver for the SSRF check, or null for the operating system's
   * @param random   numbers in [0, 1) for the retry jitter
   */
  public Dispatcher(OutboxReader outbox, WebhookStore store, DeliveryLog log, List<Endpoint> endpoints,
                    DeliveryConfig settings, Clock clock, Metrics metrics, SsrfGuard.Resolver resolver,
                    DoubleSupplier random) {
    this.outbox = outbox;
    this.store = store;
    this.log = log;
    this.endpoints = List.copyOf(endpoints);
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.resolver = resolver;
    this.random = random;
  }

  @Override
  public Future<?> start() {
    loop = new DispatcherLoop(vertx, context);
    // Endpoints on one host share the client's pool for that destination: sized to the sum of their limits, a
    // hanging endpoint can never take a connection another endpoint's request waits for.
    int connections = endpoints.stream().mapToInt(Endpoint::concurrency).sum();
    sender = new WebhookSender(vertx, resolver != null ? resolver : WebhookSender.systemResolver(vertx), connections);
    sends = new SendLoop(store, consumer, loop);
    List<EndpointHealth> health = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      EndpointHealth endpointHealth = new EndpointHealth(endpoint, settings, clock, store, metrics, loop);
      health.add(endpointHealth);
      sends.add(new SendLane(endpointHealth, store, log, settings, clock, metrics, random, sender, loop,
          sends::signalCapacity));
    }
    OutboxFanout fanout = new OutboxFanout(outbox, store, health, settings, clock, metrics, consumer, loop);
    DispatcherTimers timers = new DispatcherTimers(outbox, store, fanout, sends, settings, clock, metrics, consumer,
        loop);
    // Redis being down at start-up is not fatal: the loops retry until it answers.
    List<String> ids = endpoints.stream().map(Endpoint::id).toList();
    return loop.logged("preparing the webhook store", loop.here(store.prepare(ids)), null)
        .compose(v -> timers.refreshStates())
        .onComplete(v -> {
          loop.next(fanout::run);
          loop.next(sends::run);
          timers.start();
        });
  }

  /**
   * Stops taking work, gives jobs it holds but has not started back at once (so no other instance waits for the
   * visibility time-out) and lets attempts in flight finish, up to their time-out.
   */
  @Override
  public Future<?> stop() {
    loop.stop();
    List<Future<WebhookStore.Settled>> handedBack = sends.stop();
    long limit = Math.min(STOP_WAIT_MAX_MS, endpoints.stream().mapToLong(e -> e.timeout().toMillis())
        .max().orElse(0) + 500);
    Promise<Void> drained = Promise.promise();
    awaitDrained(System.nanoTime() + limit * 1_000_000, drained);
    return Future.join(handedBack).transform(v -> drained.future()).transform(v -> sender.close());
  }

  private void awaitDrained(long deadlineNanos, Promise<Void> drained) {
    if (sends.drained() || System.nanoTime() > deadlineNanos) {
      drained.tryComplete();
      return;
    }
    loop.after(20, () -> awaitDrained(deadlineNanos, drained));
  }
}
