package io.leadgate.webhooks;

import io.leadgate.ops.Metrics;
import io.leadgate.webhooks.WebhookStore.Job;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The dispatcher's periodic work: due retries back in line, claims of what silent instances took, renewal of what
 * this one holds, endpoint states from the store, and housekeeping (outbox trimming, queue gauges).
 */
final class DispatcherTimers {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
  static final long STATE_REFRESH_MS = 1000;
  static final long HOUSEKEEPING_MS = 30_000;
  static final int PROMOTE_MAX = 100;

  private final OutboxReader outbox;
  private final WebhookStore store;
  private final OutboxFanout fanout;
  private final SendLoop sends;
  private final DeliveryConfig settings;
  private final Clock clock;
  private final Metrics metrics;
  private final String consumer;
  private final DispatcherLoop loop;
  private final long claimAfterMs;
  private boolean promoting;

  DispatcherTimers(OutboxReader outbox, WebhookStore store, OutboxFanout fanout, SendLoop sends,
                   DeliveryConfig settings, Clock clock, Metrics metrics, String consumer, DispatcherLoop loop) {
    this.outbox = outbox;
    this.store = store;
    this.fanout = fanout;
    this.sends = sends;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.consumer = consumer;
    this.loop = loop;
    this.claimAfterMs = settings.claimAfterDuration().toMillis();
  }

  void start() {
    loop.every(settings.pollIntervalDuration().toMillis(), this::promote);
    loop.every(Math.max(100, claimAfterMs / 2), this::claim);
    loop.every(Math.max(100, claimAfterMs / 3), this::renew);
    loop.every(STATE_REFRESH_MS, this::refreshStates);
    loop.every(HOUSEKEEPING_MS, this::housekeeping);
  }

  /** Reads each endpoint's shared state, so a disable or enable by any instance (or the API) reaches this one. */
  Future<Void> refreshStates() {
    List<Future<Boolean>> reads = new ArrayList<>();
    for (SendLane lane : sends.lanes()) {
      reads.add(lane.health().refresh().onSuccess(enabledAgain -> {
        if (enabledAgain) {
          sends.signalCapacity();
        }
      }));
    }
    return loop.logged("reading endpoint states", Future.join(reads).mapEmpty(), null);
  }

  private void promote() {
    if (promoting || loop.stopped()) {
      return;
    }
    promoting = true;
    long now = clock.millis();
    List<Future<Integer>> moves = new ArrayList<>();
    sends.lanes().forEach(lane -> moves.add(loop.here(store.promoteDue(lane.health().id(), now, PROMOTE_MAX))));
    Future.join(moves).onComplete(done -> {
      promoting = false;
      if (done.failed()) {
        loop.logFailure("promoting due retries", done.cause());
      }
    });
  }

  private void claim() {
    fanout.claimStale(claimAfterMs).onFailure(e -> loop.logFailure("claiming outbox entries", e));
    for (SendLane lane : sends.lanes()) {
      EndpointHealth health = lane.health();
      if (health.closedToTraffic()) {
        continue;
      }
      loop.here(store.claimStale(consumer, health.id(), claimAfterMs, health.endpoint().concurrency()))
          .onSuccess(jobs -> {
            if (!jobs.isEmpty()) {
              LOG.info("took over " + jobs.size() + " " + health.id() + " deliveries of a silent instance");
            }
            jobs.forEach(sends::accept);
          })
          .onFailure(e -> loop.logFailure("claiming webhook jobs", e));
    }
  }

  private void renew() {
    List<Job> held = new ArrayList<>();
    sends.lanes().forEach(lane -> held.addAll(lane.held()));
    if (!held.isEmpty()) {
      loop.here(store.renew(consumer, held)).onFailure(e -> loop.logFailure("renewing held jobs", e));
    }
  }

  private void housekeeping() {
    loop.here(outbox.trim()).onFailure(e -> loop.logFailure("trimming the outbox", e));
    loop.here(outbox.backlog(WebhookStore.FANOUT_GROUP))
        .onSuccess(n -> metrics.gauge("leadgate.webhooks.outbox.backlog").set(n));
    for (SendLane lane : sends.lanes()) {
      String id = lane.health().id();
      loop.here(store.queued(id)).onSuccess(q -> {
        metrics.gauge("leadgate.webhooks.waiting", "endpoint", id, "state", "ready").set(q.ready());
        metrics.gauge("leadgate.webhooks.waiting", "endpoint", id, "state", "retrying").set(q.retrying());
      });
    }
  }
}
