package io.leadgate.webhooks;

import io.leadgate.ops.Metrics;
import io.leadgate.webhooks.WebhookStore.Completion;
import io.leadgate.webhooks.WebhookStore.Job;
import io.leadgate.webhooks.WebhookStore.Settled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One endpoint's deliveries in this instance: the jobs it holds, sent signed up to the endpoint's concurrency (or the
 * one probe of a half-open circuit), each answer settled by {@link Settlement} and applied to the store, the
 * delivery log, the metrics and the endpoint's health. What it cannot send now (circuit open, endpoint disabled) goes
 * back in line without counting an attempt.
 */
final class SendLane {
  static final int SETTLE_TRIES = 5;

  private final EndpointHealth health;
  private final Endpoint endpoint;
  private final WebhookStore store;
  private final DeliveryLog log;
  private final DeliveryConfig settings;
  private final Clock clock;
  private final Metrics metrics;
  private final DoubleSupplier random;
  private final WebhookSender sender;
  private final PresetSender presets;
  private final DispatcherLoop loop;
  private final Runnable freed;
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  private final Map<String, Job> held = new LinkedHashMap<>();
  private int inFlight;

  /** @param freed told whenever an attempt is over (the lane may take more) */
  SendLane(EndpointHealth health, WebhookStore store, DeliveryLog log, DeliveryConfig settings, Clock clock,
           Metrics metrics, DoubleSupplier random, WebhookSender sender, DispatcherLoop loop, Runnable freed) {
    this.health = health;
    this.endpoint = health.endpoint();
    this.store = store;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.random = random;
    this.sender = sender;
    this.presets = endpoint.preset() == null ? null : new PresetSender(sender, endpoint, clock);
    this.loop = loop;
    this.freed = freed;
  }

  EndpointHealth health() {
    return health;
  }

  /** How many more jobs this lane can take now. */
  int free() {
    return health.disabled() ? 0 : health.permits() - inFlight - waiting.size();
  }

  int inFlight() {
    return inFlight;
  }

  /** Every job this lane holds, sent or not: the instance renews its claim on them. */
  List<Job> held() {
    return new ArrayList<>(held.values());
  }

  /** Takes a job from the store (taken or claimed); one it already holds is ignored. */
  void accept(Job job) {
    if (held.containsKey(heldKey(job))) {
      return;
    }
    held.put(heldKey(job), job);
    waiting.add(job);
    pump();
  }

  /** Gives every job not yet started back at once, so no other instance waits for the visibility time-out. */
  List<Future<Settled>> handBackWaiting() {
    return handBack(clock.millis());
  }

  private void pump() {
    while (!waiting.isEmpty() && !loop.stopped()) {
      if (health.closedToTraffic()) {
        handBack(health.resumeAt(clock.millis()));
        return;
      }
      if (inFlight >= health.permits()) {
        return;
      }
      Job job = waiting.poll();
      inFlight++;
      health.started();
      attempt(job).onComplete(done -> {
        if (done.failed()) {
          loop.logFailure("settling a delivery to " + endpoint.id(), done.cause());
        }
        inFlight--;
        held.remove(heldKey(job));
        pump();
        freed.run();
      });
    }
  }

  /** Puts the jobs this lane has not started back in line for {@code dueAtMs}, without counting an attempt. */
  private List<Future<Settled>> handBack(long dueAtMs) {
    List<Future<Settled>> handedBack = new ArrayList<>();
    for (Job job : waiting) {
      handedBack.add(loop.here(complete(job, Settlement.handBack(job, dueAtMs))).onComplete(done -> {
        held.remove(heldKey(job));
        if (done.failed()) {
          loop.logFailure("handing a job back", done.cause());
        }
      }));
    }
    waiting.clear();
    return handedBack;
  }

  // entry ids are unique per stream only: two shards' lines can both hold 1700000000000-0
  private static String heldKey(Job job) {
    return job.shard() + "/" + job.entryId();
  }

  private Future<Void> attempt(Job job) {
    if (endpoint.preset() != null) {
      return attemptPreset(job);
    }
    long timestamp = clock.millis() / 1000;
    byte[] body;
    String signature;
    try {
      body = endpoint.mapper().body(job.event()).getBytes(StandardCharsets.UTF_8);
      signature = endpoint.signer().sign(job.eventId(), timestamp, body);
    } catch (RuntimeException e) {
      return unsendable(job, e);
    }
    return loop.here(sender.send(endpoint, job.eventId(), timestamp, signature, Buffer.buffer(body)))
        .compose(answer -> answered(job, answer));
  }

  /** A CRM preset's exchange (one or more requests) is one attempt, judged by its outcome like any answer. */
  private Future<Void> attemptPreset(Job job) {
    CrmExchange exchange;
    try {
      exchange = endpoint.preset().exchange(endpoint.mapper(), job.event());
    } catch (RuntimeException e) {
      return unsendable(job, e);
    }
    return loop.here(presets.attempt(exchange)).compose(answer -> answered(job, answer));
  }

  private Future<Void> answered(Job job, WebhookSender.Answer answer) {
    long now = clock.millis();
    return settle(job, answer, Settlement.answered(job, answer, endpoint.schedule(), now, random), now);
  }

  private Future<Void> unsendable(Job job, RuntimeException e) {
    WebhookSender.Answer none = new WebhookSender.Answer(0, null, null, "cannot be sent: " + e.getMessage(), 0);
    long now = clock.millis();
    return settle(job, none, Settlement.unsendable(job, none, now), now);
  }

  private Future<Void> settle(Job job, WebhookSender.Answer answer, Settlement.Decision decision, long now) {
    health.answered(decision);
    return settleInStore(job, decision.completion(), 1).compose(settled -> {
      String recorded = settled == Settled.STALE ? "stale" : decision.outcome().label();
      count(recorded, job, answer, now);
      Future<Void> logged = loop.logged("writing the delivery log", loop.here(log.record(
          new DeliveryLog.Attempt(now, endpoint.id(), job.eventId(), job.event().type(), job.leadId(), job.attempt(),
              answer.status(), recorded, answer.latencyMs(), answer.error(), answer.body(), job.event().at()),
          settings.logMax(), settings.leadLogMax(), settings.logTtlDuration().toMillis())), null);
      return Future.join(logged, health.settled(decision, now)).mapEmpty();
    });
  }

  /** Settles in the store, retrying a few times through a short store outage (the receiver has already answered). */
  private Future<Settled> settleInStore(Job job, Completion completion, int tries) {
    return loop.here(complete(job, completion)).recover(e -> {
      if (tries >= SETTLE_TRIES || loop.stopped()) {
        return Future.failedFuture(e);
      }
      Promise<Settled> again = Promise.promise();
      loop.after(DispatcherLoop.FAILURE_PAUSE_MS / 2 * tries, () -> settleInStore(job, completion, tries + 1).onComplete(again));
      return again.future();
    });
  }

  /** Every completion goes with the dead-letter cap, which the store applies in the step that may add a letter. */
  private Future<Settled> complete(Job job, Completion completion) {
    return store.complete(job, completion, settings.deadMax());
  }

  private void count(String outcome, Job job, WebhookSender.Answer answer, long now) {
    String id = endpoint.id();
    metrics.counter("leadgate.webhooks.attempts", "endpoint", id, "outcome", outcome).increment();
    metrics.timer("leadgate.webhooks.attempt.latency", "endpoint", id).record(Duration.ofMillis(answer.latencyMs()));
    switch (outcome) {
      case "delivered" -> {
        metrics.counter("leadgate.webhooks.delivered", "endpoint", id).increment();
        metrics.timer("leadgate.webhooks.lag", "endpoint", id)
            .record(Duration.ofMillis(Math.max(0, now - job.event().at())));
      }
      case "retrying" -> metrics.counter("leadgate.webhooks.retrying", "endpoint", id).increment();
      case "dead" -> metrics.counter("leadgate.webhooks.dead", "endpoint", id).increment();
      default -> {
      }
    }
  }
}
