package io.leadgate.webhooks;

import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * One endpoint's health as this instance sees it: its circuit breaker (this instance's own), and whether it is
 * failing or disabled (shared by every instance through the store, read back every second). A 410 or a run of
 * failures longer than the endpoint's {@code disableAfter} disables it for every instance until it is enabled.
 */
final class EndpointHealth {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  private final Endpoint endpoint;
  private final CircuitBreaker breaker;
  private final WebhookStore store;
  private final Metrics metrics;
  private final DispatcherLoop loop;
  private boolean disabled;
  private boolean failing;

  EndpointHealth(Endpoint endpoint, DeliveryConfig settings, Clock clock, WebhookStore store, Metrics metrics,
                 DispatcherLoop loop) {
    this.endpoint = endpoint;
    this.breaker = new CircuitBreaker(clock, settings.breakerThreshold(), settings.breakerCooldownDuration(),
        settings.breakerMaxCooldownDuration());
    this.store = store;
    this.metrics = metrics;
    this.loop = loop;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  String id() {
    return endpoint.id();
  }

  boolean disabled() {
    return disabled;
  }

  /** Whether nothing may be sent now: disabled, or the circuit is open. */
  boolean closedToTraffic() {
    return disabled || breaker.state() == CircuitBreaker.State.OPEN;
  }

  /** When what cannot be sent now is due again: at once for a disabled endpoint (it dies there), else the probe. */
  long resumeAt(long nowMs) {
    return disabled ? nowMs : breaker.openUntil();
  }

  /** How many attempts may be in flight now. */
  int permits() {
    return breaker.permits(endpoint.concurrency());
  }

  /** A request goes out; in the half-open state it is the one probe. */
  void started() {
    breaker.started();
  }

  /** An answer came: the circuit counts it at once, before the job is settled in the store. */
  void answered(Settlement.Decision decision) {
    if (decision.unhealthy()) {
      breaker.failed();
    } else {
      breaker.succeeded();
    }
  }

  /** Records what a settled attempt says about the endpoint in the shared state. Never fails. */
  Future<Void> settled(Settlement.Decision decision, long nowMs) {
    return switch (decision.health()) {
      case SUCCEEDED -> succeeded();
      case FAILED -> failed(nowMs);
      case GONE -> disable(decision.disableReason(), nowMs);
    };
  }

  /**
   * Reads the shared state, so a disable or enable by any instance (or the API) reaches this one; completes with
   * whether the endpoint has just been enabled again (its lane has room again).
   */
  Future<Boolean> refresh() {
    return loop.here(store.state(endpoint.id())).map(state -> {
      boolean wasDisabled = disabled;
      disabled = state.disabled();
      failing = state.failingSinceMs() > 0;
      if (wasDisabled && !disabled) {
        breaker.succeeded();
        return true;
      }
      return false;
    });
  }

  private Future<Void> succeeded() {
    if (!failing) {
      return Future.succeededFuture();
    }
    failing = false;
    return loop.here(store.markHealthy(endpoint.id())).recover(e -> Future.succeededFuture());
  }

  private Future<Void> failed(long nowMs) {
    Future<Void> recorded = loop.here(store.markFailing(endpoint.id(), nowMs)).compose(since -> {
      failing = true;
      String reason = Settlement.disableReason(since, nowMs, endpoint.disableAfter());
      return reason == null ? Future.succeededFuture() : disable(reason, nowMs);
    });
    return loop.logged("recording a failing endpoint", recorded, null);
  }

  private Future<Void> disable(String reason, long nowMs) {
    if (disabled) {
      return Future.succeededFuture();
    }
    disabled = true;
    String id = endpoint.id();
    LOG.warning("webhook endpoint " + id + " disabled: " + reason
        + " (POST /api/webhooks/" + id + "/enable after fixing it, then replay its dead letters)");
    metrics.counter("leadgate.webhooks.disabled", "endpoint", id).increment();
    JsonObject event = new JsonObject().put("type", "endpoint.disabled").put("endpoint", id).put("reason", reason)
        .put("at", Instant.ofEpochMilli(nowMs).toString());
    Future<Void> recorded = Future.join(loop.here(store.disable(id, reason, nowMs)),
        loop.here(store.recordOpsEvent(event))).mapEmpty();
    return loop.logged("recording a disabled endpoint", recorded, null);
  }
}
