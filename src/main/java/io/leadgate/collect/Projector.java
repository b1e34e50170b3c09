package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.ops.Metrics;
import io.leadgate.store.EventLog;
import io.leadgate.store.EventLog.LoggedEvent;
import io.leadgate.store.Stores;
import io.leadgate.store.VisitorStore.Recorded;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Reads the event log and projects each event into its visitor's profile and timeline and its site's daily
 * aggregates, then tells the listeners. Every gateway instance runs one; the log's consumer group shares the
 * work between them and hands a dead instance's unacknowledged entries to the others.
 */
public final class Projector extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(Projector.class.getName());
  static final long WAIT_MS = 1000;
  static final long RETRY_MS = 1000;
  static final long CLAIM_EVERY_MS = 15_000;
  static final long CLAIM_IDLE_MS = 60_000;

  private final Stores stores;
  private final Map<String, SiteConfig> sites;
  private final List<ProjectionListener> listeners;
  private final Metrics metrics;
  private final int batchSize;
  private final ProjectionPacer pacer;
  private final String consumer = "projector-" + UUID.randomUUID();
  private volatile boolean stopped;
  private long lastFailureLog;

  public Projector(Stores stores, Map<String, SiteConfig> sites, List<ProjectionListener> listeners, Metrics metrics,
                   int batchSize, ProjectionPacer pacer) {
    this.stores = stores;
    this.sites = sites;
    this.listeners = List.copyOf(listeners);
    this.metrics = metrics;
    this.batchSize = batchSize;
    this.pacer = pacer;
  }

  @Override
  public Future<?> start() {
    for (int p = 0; p < stores.events().partitions(); p++) {
      int partition = p;
      context.runOnContext(v -> round(partition, true));
    }
    vertx.setPeriodic(CLAIM_EVERY_MS, t -> claimStale());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return Future.succeededFuture();
  }

  /** One read-project-acknowledge round; after a failure it re-reads its own unacknowledged entries first. */
  private void round(int partition, boolean pendingOnly) {
    if (stopped) {
      return;
    }
    stores.events().read(partition, consumer, pendingOnly, batchSize, pendingOnly ? 0 : WAIT_MS)
        .compose(entries -> {
          long start = System.nanoTime();
          return project(partition, entries).map(v -> new Round(entries.size(), (System.nanoTime() - start) / 1_000_000));
        })
        .onSuccess(done -> {
          long pause = done.events() == 0 ? 0 : pacer.pauseAfter(done.millis());
          Runnable next = () -> round(partition, pendingOnly && done.events() > 0);
          if (pause == 0) {
            context.runOnContext(v -> next.run());
          } else {
            vertx.setTimer(pause, t -> next.run());
          }
        })
        .onFailure(e -> {
          logFailure(e);
          vertx.setTimer(RETRY_MS, t -> round(partition, true));
        });
  }

  /** What one round did: how many entries it projected, and in how long. */
  private record Round(int events, long millis) {
  }

  private void claimStale() {
    for (int p = 0; p < stores.events().partitions(); p++) {
      int partition = p;
      stores.events().claimStale(partition, consumer, CLAIM_IDLE_MS, batchSize)
          .compose(entries -> project(partition, entries))
          .onFailure(this::logFailure);
    }
  }

  Future<Void> project(int partition, List<LoggedEvent> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> done = new ArrayList<>(entries.size());
    for (LoggedEvent entry : entries) {
      done.add(projectOne(entry.event()));
    }
    List<String> ids = entries.stream().map(LoggedEvent::entryId).toList();
    return Future.all(done).compose(v -> stores.events().ack(partition, ids));
  }

  private Future<Void> projectOne(Event event) {
    SiteConfig site = event == null ? null : sites.get(event.site());
    if (site == null) {
      return Future.succeededFuture(); // unreadable, or its site was removed from the configuration
    }
    return stores.visitors().record(event, Projection.visitorRecord(event), Projection.retention(site))
        .compose(recorded -> {
          if (!recorded.fresh()) {
            // a replay, or a retry after a failure further down: listeners are idempotent and may have missed it
            metrics.eventsDuplicate(1);
            return notifyListeners(event, recorded);
          }
          metrics.eventsProjected(1);
          return stores.stats().count(site.key(), Projection.day(event), Projection.dailyCount(event, recorded),
                  Projection.statsTtlSeconds(site))
              .compose(v -> notifyListeners(event, recorded));
        });
  }

  private Future<Void> notifyListeners(Event event, Recorded recorded) {
    if (listeners.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> told = new ArrayList<>(listeners.size());
    listeners.forEach(l -> told.add(l.projected(event, recorded)));
    return Future.all(told).mapEmpty();
  }

  private void logFailure(Throwable e) {
    if (stopped) {
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastFailureLog > 10_000) {
      lastFailureLog = now;
      LOG.warning("projection paused, will retry: " + e.getMessage());
    }
  }
}
