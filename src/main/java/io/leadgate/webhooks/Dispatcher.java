package io.leadgate.webhooks;

import io.leadgate.ops.Metrics;
import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.leadgate.webhooks.WebhookStore.Completion;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.leadgate.webhooks.WebhookStore.FanOut;
import io.leadgate.webhooks.WebhookStore.FanOutOptions;
import io.leadgate.webhooks.WebhookStore.Job;
import io.leadgate.webhooks.WebhookStore.Settled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * Delivers domain events from the outbox to the webhook endpoints. Every gateway instance runs one; they share the
 * work through the store's consumer groups, and take over what a dead instance left once it has been silent for
 * {@code claimAfter}.
 *
 * <p>Two loops and a few timers, all on this verticle's event loop (so its state needs no locks):
 * <ul>
 *   <li>fan-out: reads the outbox and queues each event for the endpoints that want it (atomically with the
 *   acknowledgement, in lead order);</li>
 *   <li>send: takes ready jobs of the endpoints that have capacity and posts them, signed; each answer settles the
 *   job: delivered, retried later (the lead's later events wait), or dead;</li>
 *   <li>timers: due retries back in line, claims of silent instances' work, renewal of this instance's own, endpoint
 *   state from the store, outbox trimming and queue gauges.</li>
 * </ul>
 * Each endpoint has its own concurrency limit and circuit breaker, so a dead receiver takes nothing from the others,
 * and the intake never waits for any of it.
 */
public final class Dispatcher extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
  static final int FANOUT_BATCH = 100;
  static final long FANOUT_WAIT_MS = 2000;
  static final long TAKE_WAIT_MS = 500;
  static final long CAPACITY_POLL_MS = 100;
  static final long FAILURE_PAUSE_MS = 1000;
  static final long STATE_REFRESH_MS = 1000;
  static final long HOUSEKEEPING_MS = 30_000;
  static final int PROMOTE_MAX = 100;
  static final int SETTLE_TRIES = 5;

  private final OutboxReader outbox;
  private final WebhookStore store;
  private final DeliveryLog log;
  private final DeliveryConfig settings;
  private final Clock clock;
  private final Metrics metrics;
  private final SsrfGuard.Resolver resolver;
  private final DoubleSupplier random;
  private final String consumer = "wh-" + UUID.randomUUID();
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final List<Long> timers = new ArrayList<>();
  private final long claimAfterMs;
  private WebhookSender sender;
  private Thread loop;
  private boolean stopped;
  private boolean promoting;
  private Promise<Void> capacity;
  private long lastFailureLog;

  /** One endpoint's deliveries in this instance. */
  private static final class Lane {
    final Endpoint endpoint;
    final CircuitBreaker breaker;
    final ArrayDeque<Job> waiting = new ArrayDeque<>();
    final Map<String, Job> held = new LinkedHashMap<>();
    int inFlight;
    boolean disabled;
    boolean failing;

    Lane(Endpoint endpoint, CircuitBreaker breaker) {
      this.endpoint = endpoint;
      this.breaker = breaker;
    }

    int free() {
      return disabled ? 0 : breaker.permits(endpoint.concurrency()) - inFlight - waiting.size();
    }
  }

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
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.resolver = resolver;
    this.random = random;
    this.claimAfterMs = settings.claimAfterDuration().toMillis();
    for (Endpoint endpoint : endpoints) {
      lanes.put(endpoint.id(), new Lane(endpoint, new CircuitBreaker(clock, settings.breakerThreshold(),
          settings.breakerCooldownDuration(), settings.breakerMaxCooldownDuration())));
    }
  }

  @Override
  public Future<?> start() {
    loop = Thread.currentThread();
    // Endpoints on one host share the client's pool for that destination: sized to the sum of their limits, a
    // hanging endpoint can never take a connection another endpoint's request waits for.
    int connections = lanes.values().stream().mapToInt(l -> l.endpoint.concurrency()).sum();
    sender = new WebhookSender(vertx, resolver != null ? resolver : WebhookSender.systemResolver(vertx), connections);
    // Redis being down at start-up is not fatal: the loops retry until it answers.
    return here(store.prepare(new ArrayList<>(lanes.keySet())))
        .recover(e -> {
          logFailure("preparing the webhook store", e);
          return Future.succeededFuture();
        })
        .compose(v -> refreshStates())
        .onComplete(v -> {
          context.runOnContext(x -> fanOutLoop());
          context.runOnContext(x -> sendLoop());
          every(settings.pollIntervalDuration().toMillis(), this::promote);
          every(Math.max(100, claimAfterMs / 2), this::claim);
          every(Math.max(100, claimAfterMs / 3), this::renew);
          every(STATE_REFRESH_MS, this::refreshStates);
          every(HOUSEKEEPING_MS, this::housekeeping);
        });
  }

  /**
   * Stops taking work, gives jobs it holds but has not started back at once (so no other instance waits for the
   * visibility time-out) and lets attempts in flight finish, up to their time-out.
   */
  @Override
  public Future<?> stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    if (capacity != null) {
      capacity.tryComplete();
    }
    List<Future<?>> handedBack = new ArrayList<>();
    long now = clock.millis();
    for (Lane lane : lanes.values()) {
      for (Job job : lane.waiting) {
        handedBack.add(store.complete(job, Completion.retry(now, job.attempt()), settings.deadMax()));
      }
      lane.waiting.clear();
    }
    long limit = Math.min(10_000, lanes.values().stream().mapToLong(l -> l.endpoint.timeout().toMillis())
        .max().orElse(0) + 500);
    Promise<Void> drained = Promise.promise();
    awaitDrained(System.nanoTime() + limit * 1_000_000, drained);
    return Future.join(handedBack).transform(v -> drained.future()).transform(v -> sender.close());
  }

  private void awaitDrained(long deadlineNanos, Promise<Void> drained) {
    if (lanes.values().stream().allMatch(l -> l.inFlight == 0) || System.nanoTime() > deadlineNanos) {
      drained.tryComplete();
      return;
    }
    vertx.setTimer(20, t -> awaitDrained(deadlineNanos, drained));
  }

  // ---- fan-out ---------------------------------------------------------------------------------------------

  private void fanOutLoop() {
    if (stopped) {
      return;
    }
    here(outbox.read(WebhookStore.FANOUT_GROUP, consumer, FANOUT_BATCH, FANOUT_WAIT_MS))
        .compose(this::fanOut)
        .onComplete(done -> {
          if (done.failed()) {
            logFailure("reading the outbox", done.cause());
            vertx.setTimer(FAILURE_PAUSE_MS, t -> fanOutLoop());
          } else {
            context.runOnContext(v -> fanOutLoop());
          }
        });
  }

  /** Entries of one shard one after the other (a lead's order), the shards side by side. */
  private Future<Void> fanOut(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<Integer, List<OutboxEntry>> byShard = new LinkedHashMap<>();
    entries.forEach(e -> byShard.computeIfAbsent(e.shard(), s -> new ArrayList<>()).add(e));
    List<Future<Void>> shards = new ArrayList<>();
    for (List<OutboxEntry> shard : byShard.values()) {
      Future<Void> chain = Future.succeededFuture();
      for (OutboxEntry entry : shard) {
        chain = chain.compose(v -> fanOutOne(entry, 0));
      }
      shards.add(chain);
    }
    return Future.all(shards).mapEmpty();
  }

  /**
   * Queues one event for the endpoints that want it. When an earlier event of the same lead is still with another
   * instance, it is tried again in the background, so that one slow or dead instance holds up only its own leads.
   */
  private Future<Void> fanOutOne(OutboxEntry entry, int tries) {
    if (stopped) {
      return Future.succeededFuture();
    }
    List<String> live = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    DomainEvent event = entry.event();
    if (event != null) {
      for (Lane lane : lanes.values()) {
        if (lane.endpoint.filter().matches(event)) {
          (lane.disabled ? disabled : live).add(lane.endpoint.id());
        }
      }
    }
    FanOutOptions options = new FanOutOptions(clock.millis(), settings.messageRetentionDuration().toMillis(),
        settings.deadMax());
    return here(store.fanOut(entry, live, disabled, options)).map(result -> {
      if (result == FanOut.WAIT) {
        long pause = Math.min(FAILURE_PAUSE_MS, 10L << Math.min(tries, 7));
        vertx.setTimer(pause, t -> fanOutOne(entry, tries + 1)
            .onFailure(e -> logFailure("fanning out " + entry.entryId(), e)));
      } else if (result == FanOut.DONE) {
        live.forEach(id -> metrics.counter("leadgate.webhooks.queued", "endpoint", id).increment());
      }
      return null;
    });
  }

  // ---- sending ---------------------------------------------------------------------------------------------

  private void sendLoop() {
    if (stopped) {
      return;
    }
    List<String> open = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      if (lane.free() > 0) {
        open.add(lane.endpoint.id());
      }
    }
    if (open.isEmpty()) {
      awaitCapacity();
      return;
    }
    here(store.take(consumer, open, TAKE_WAIT_MS)).onComplete(done -> {
      if (done.failed()) {
        logFailure("taking webhook jobs", done.cause());
        vertx.setTimer(FAILURE_PAUSE_MS, t -> sendLoop());
        return;
      }
      done.result().forEach(this::accept);
      context.runOnContext(v -> sendLoop());
    });
  }

  /** Every endpoint is busy, disabled or has its circuit open: wait until one frees a slot (or a short while). */
  private void awaitCapacity() {
    capacity = Promise.promise();
    long timer = vertx.setTimer(CAPACITY_POLL_MS, t -> capacity.tryComplete());
    capacity.future().onComplete(v -> {
      vertx.cancelTimer(timer);
      capacity = null;
      context.runOnContext(x -> sendLoop());
    });
  }

  private void signalCapacity() {
    if (capacity != null) {
      capacity.tryComplete();
    }
  }

  private void accept(Job job) {
    Lane lane = lanes.get(job.endpoint());
    // entry ids are unique per stream only: two shards' lines can both hold 1700000000000-0
    if (lane == null || lane.held.containsKey(heldKey(job))) {
      return;
    }
    lane.held.put(heldKey(job), job);
    lane.waiting.add(job);
    pump(lane);
  }

  private void pump(Lane lane) {
    while (!lane.waiting.isEmpty() && !stopped) {
      if (lane.disabled || lane.breaker.state() == CircuitBreaker.State.OPEN) {
        handBack(lane, lane.disabled ? clock.millis() : lane.breaker.openUntil());
        return;
      }
      if (lane.inFlight >= lane.breaker.permits(lane.endpoint.concurrency())) {
        return;
      }
      Job job = lane.waiting.poll();
      lane.inFlight++;
      lane.breaker.started();
      attempt(lane, job).onComplete(done -> {
        if (done.failed()) {
          logFailure("settling a delivery to " + lane.endpoint.id(), done.cause());
        }
        lane.inFlight--;
        lane.held.remove(heldKey(job));
        pump(lane);
        signalCapacity();
      });
    }
  }

  /** Puts jobs this lane cannot send now back in line for {@code dueAtMs}, without counting an attempt. */
  private void handBack(Lane lane, long dueAtMs) {
    List<Job> jobs = new ArrayList<>(lane.waiting);
    lane.waiting.clear();
    for (Job job : jobs) {
      here(store.complete(job, Completion.retry(dueAtMs, job.attempt()), settings.deadMax()))
          .onComplete(done -> {
            lane.held.remove(heldKey(job));
            if (done.failed()) {
              logFailure("handing a job back", done.cause());
            }
          });
    }
  }

  private static String heldKey(Job job) {
    return job.shard() + "/" + job.entryId();
  }

  private Future<Void> attempt(Lane lane, Job job) {
    Endpoint endpoint = lane.endpoint;
    long timestamp = clock.millis() / 1000;
    byte[] body;
    String signature;
    try {
      body = endpoint.mapper().body(job.event()).getBytes(StandardCharsets.UTF_8);
      signature = endpoint.signer().sign(job.eventId(), timestamp, body);
    } catch (RuntimeException e) {
      return settle(lane, job, new WebhookSender.Answer(0, null, null, "cannot be sent: " + e.getMessage(), 0),
          Verdict.FAIL_FAST);
    }
    return here(sender.send(endpoint, job.eventId(), timestamp, signature, Buffer.buffer(body)))
        .compose(answer -> settle(lane, job, answer, answer.error() == null ? Verdict.of(answer.status()) : Verdict.RETRY));
  }

  private Future<Void> settle(Lane lane, Job job, WebhookSender.Answer answer, Verdict verdict) {
    Endpoint endpoint = lane.endpoint;
    long now = clock.millis();
    if (answer.error() != null || Verdict.unhealthy(answer.status())) {
      lane.breaker.failed();
    } else {
      lane.breaker.succeeded();
    }
    Completion completion;
    String outcome;
    switch (verdict) {
      case DELIVERED -> {
        completion = Completion.delivered();
        outcome = "delivered";
      }
      case RETRY -> {
        OptionalLong next = endpoint.schedule().nextAttemptAt(job.attempt(), now,
            RetrySchedule.parseRetryAfter(answer.retryAfter(), now), random);
        if (next.isPresent()) {
          completion = Completion.retry(next.getAsLong(), job.attempt() + 1);
          outcome = "retrying";
        } else {
          completion = Completion.dead(letter(job, answer, "gave up after " + job.attempt() + " attempts; last: "
              + summary(answer), now));
          outcome = "dead";
        }
      }
      case FAIL_FAST -> {
        completion = Completion.dead(letter(job, answer, "not retried: " + summary(answer), now));
        outcome = "dead";
      }
      default -> {
        completion = Completion.dead(letter(job, answer, "the receiver answered 410 Gone", now));
        outcome = "dead";
      }
    }
    return settleInStore(job, completion, 1).compose(settled -> {
      String recorded = settled == Settled.STALE ? "stale" : outcome;
      count(endpoint.id(), recorded, job, answer, now);
      Future<Void> logged = here(log.record(new DeliveryLog.Attempt(now, endpoint.id(), job.eventId(),
              job.event().type(), job.leadId(), job.attempt(), answer.status(), recorded, answer.latencyMs(),
              answer.error(), answer.body()), settings.logMax(), settings.leadLogMax(),
              settings.logTtlDuration().toMillis()))
          .recover(e -> {
            logFailure("writing the delivery log", e);
            return Future.succeededFuture();
          });
      Future<Void> health = verdict == Verdict.DELIVERED ? healthy(lane)
          : failing(lane, now, verdict == Verdict.GONE ? "the receiver answered 410 Gone" : null);
      return Future.join(logged, health).mapEmpty();
    });
  }

  /** Settles in the store, retrying a few times through a short store outage (the receiver has already answered). */
  private Future<Settled> settleInStore(Job job, Completion completion, int tries) {
    return here(store.complete(job, completion, settings.deadMax())).recover(e -> {
      if (tries >= SETTLE_TRIES || stopped) {
        return Future.failedFuture(e);
      }
      Promise<Settled> again = Promise.promise();
      vertx.setTimer(FAILURE_PAUSE_MS / 2 * tries, t -> settleInStore(job, completion, tries + 1).onComplete(again));
      return again.future();
    });
  }

  private void count(String endpoint, String outcome, Job job, WebhookSender.Answer answer, long now) {
    metrics.counter("leadgate.webhooks.attempts", "endpoint", endpoint, "outcome", outcome).increment();
    metrics.timer("leadgate.webhooks.attempt.latency", "endpoint", endpoint)
        .record(java.time.Duration.ofMillis(answer.latencyMs()));
    switch (outcome) {
      case "delivered" -> {
        metrics.counter("leadgate.webhooks.delivered", "endpoint", endpoint).increment();
        metrics.timer("leadgate.webhooks.lag", "endpoint", endpoint)
            .record(java.time.Duration.ofMillis(Math.max(0, now - job.event().at())));
      }
      case "retrying" -> metrics.counter("leadgate.webhooks.retrying", "endpoint", endpoint).increment();
      case "dead" -> metrics.counter("leadgate.webhooks.dead", "endpoint", endpoint).increment();
      default -> {
      }
    }
  }

  private static DeadLetter letter(Job job, WebhookSender.Answer answer, String reason, long now) {
    return new DeadLetter(job.endpoint(), job.event(), job.attempt(), answer.status(), reason, now);
  }

  private static String summary(WebhookSender.Answer answer) {
    return answer.error() != null ? answer.error() : "HTTP " + answer.status();
  }

  // ---- endpoint health ----------------------------------------------------------------------------------------

  private Future<Void> healthy(Lane lane) {
    if (!lane.failing) {
      return Future.succeededFuture();
    }
    lane.failing = false;
    return here(store.markHealthy(lane.endpoint.id())).recover(e -> Future.succeededFuture());
  }

  /** Records the failure; disables the endpoint on a 410 or when it has failed without a break for too long. */
  private Future<Void> failing(Lane lane, long now, String goneReason) {
    if (goneReason != null) {
      return disable(lane, goneReason, now);
    }
    return here(store.markFailing(lane.endpoint.id(), now)).compose(since -> {
      lane.failing = true;
      if (now - since >= lane.endpoint.disableAfter().toMillis()) {
        return disable(lane, "failing without a single success since " + Instant.ofEpochMilli(since)
            + " (disableAfter " + io.leadgate.config.Durations.format(lane.endpoint.disableAfter()) + ")", now);
      }
      return Future.succeededFuture();
    }).recover(e -> {
      logFailure("recording a failing endpoint", e);
      return Future.succeededFuture();
    });
  }

  private Future<Void> disable(Lane lane, String reason, long now) {
    if (lane.disabled) {
      return Future.succeededFuture();
    }
    lane.disabled = true;
    String id = lane.endpoint.id();
    LOG.warning("webhook endpoint " + id + " disabled: " + reason
        + " (POST /api/webhooks/" + id + "/enable after fixing it, then replay its dead letters)");
    metrics.counter("leadgate.webhooks.disabled", "endpoint", id).increment();
    JsonObject event = new JsonObject().put("type", "endpoint.disabled").put("endpoint", id).put("reason", reason)
        .put("at", Instant.ofEpochMilli(now).toString());
    return Future.join(here(store.disable(id, reason, now)), here(store.recordOpsEvent(event))).<Void>mapEmpty()
        .recover(e -> {
          logFailure("recording a disabled endpoint", e);
          return Future.succeededFuture();
        });
  }

  // ---- timers -----------------------------------------------------------------------------------------------

  private void promote() {
    if (promoting || stopped) {
      return;
    }
    promoting = true;
    long now = clock.millis();
    List<Future<Integer>> moves = new ArrayList<>();
    lanes.keySet().forEach(id -> moves.add(here(store.promoteDue(id, now, PROMOTE_MAX))));
    Future.join(moves).onComplete(done -> {
      promoting = false;
      if (done.failed()) {
        logFailure("promoting due retries", done.cause());
      }
    });
  }

  private void claim() {
    here(outbox.claimStale(WebhookStore.FANOUT_GROUP, consumer, claimAfterMs, FANOUT_BATCH))
        .compose(this::fanOut)
        .onFailure(e -> logFailure("claiming outbox entries", e));
    for (Lane lane : lanes.values()) {
      if (lane.disabled || lane.breaker.state() == CircuitBreaker.State.OPEN) {
        continue;
      }
      here(store.claimStale(consumer, lane.endpoint.id(), claimAfterMs, lane.endpoint.concurrency()))
          .onSuccess(jobs -> {
            if (!jobs.isEmpty()) {
              LOG.info("took over " + jobs.size() + " " + lane.endpoint.id() + " deliveries of a silent instance");
            }
            jobs.forEach(this::accept);
          })
          .onFailure(e -> logFailure("claiming webhook jobs", e));
    }
  }

  private void renew() {
    List<Job> held = new ArrayList<>();
    lanes.values().forEach(lane -> held.addAll(lane.held.values()));
    if (!held.isEmpty()) {
      here(store.renew(consumer, held)).onFailure(e -> logFailure("renewing held jobs", e));
    }
  }

  /** Reads each endpoint's shared state, so a disable or enable by any instance (or the API) reaches this one. */
  private Future<Void> refreshStates() {
    List<Future<Void>> reads = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      reads.add(here(store.state(lane.endpoint.id())).map(state -> {
        boolean wasDisabled = lane.disabled;
        lane.disabled = state.disabled();
        lane.failing = state.failingSinceMs() > 0;
        if (wasDisabled && !lane.disabled) {
          lane.breaker.succeeded();
          signalCapacity();
        }
        return null;
      }));
    }
    return Future.join(reads).<Void>mapEmpty().recover(e -> {
      logFailure("reading endpoint states", e);
      return Future.succeededFuture();
    });
  }

  private void housekeeping() {
    here(outbox.trim()).onFailure(e -> logFailure("trimming the outbox", e));
    here(outbox.backlog(WebhookStore.FANOUT_GROUP))
        .onSuccess(n -> metrics.gauge("leadgate.webhooks.outbox.backlog").set(n));
    for (String id : lanes.keySet()) {
      here(store.queued(id)).onSuccess(q -> {
        metrics.gauge("leadgate.webhooks.waiting", "endpoint", id, "state", "ready").set(q.ready());
        metrics.gauge("leadgate.webhooks.waiting", "endpoint", id, "state", "retrying").set(q.retrying());
      });
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------------------------

  private void every(long ms, Runnable task) {
    timers.add(vertx.setPeriodic(ms, t -> {
      if (!stopped) {
        task.run();
      }
    }));
  }

  /** The same outcome, delivered on this verticle's event loop (store and client callbacks may run elsewhere). */
  private <T> Future<T> here(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(done -> {
      if (Thread.currentThread() == loop) {
        promise.handle(done);
      } else {
        context.runOnContext(v -> promise.handle(done));
      }
    });
    return promise.future();
  }

  private void logFailure(String what, Throwable e) {
    if (stopped) {
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastFailureLog > 10_000) {
      lastFailureLog = now;
      LOG.warning("webhooks: " + what + " failed, will retry: " + e.getMessage());
    }
  }
}
