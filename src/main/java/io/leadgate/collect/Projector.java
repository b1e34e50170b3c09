package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Event;
import io.leadgate.identity.VisitorStore;
import io.leadgate.ops.Metrics;
import io.leadgate.collect.EventLog.LoggedEvent;
import io.leadgate.identity.VisitorStore.Recorded;
import io.leadgate.stats.StatsStore;
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

  private final EventLog events;
  private final VisitorStore visitors;
  private final StatsStore stats;
  private final Map<String, SiteConfig> sites;
  private final List<ProjectionListener> listeners;
  private final Metrics metrics;
  private final int batchSize;
  private final ProjectionPacer pacer;
  private final ErasedVisitorFilter erased;
  private final String consumer = "projector-" + UUID.randomUUID();
  private volatile boolean stopped;
  private long lastFailureLog;

  public Projector(EventLog events, VisitorStore visitors, StatsStore stats, Map<String, SiteConfig> sites,
                   List<ProjectionListener> listeners, Metrics metrics, int batchSize, ProjectionPacer pacer,
                   ErasedVisitorFilter erased) {
    this.erased = erased;
    this.events = events;
    this.visitors = visitors;
    this.stats = stats;
    this.sites = sites;
    this.listeners = List.copyOf(listeners);
    this.metrics = metrics;
    this.batchSize = batchSize;
    this.pacer = pacer;
  }

  @Override
  public Future<?> start() {
    for (int p = 0; p < events.partitions(); p++) {
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
    int max = pendingOnly ? batchSize : pacer.entriesNext(batchSize);
    events.read(partition, consumer, pendingOnly, max, pendingOnly ? 0 : WAIT_MS)
        .compose(entries -> {
          long start = System.nanoTime();
          long lag = entries.isEmpty() ? 0 : System.currentTimeMillis() - entries.get(0).event().receivedAt();
          return project(partition, entries).map(v -> new ProjectionPacer.Round(entries.size(),
              entriesIn(entries) >= batchSize, (System.nanoTime() - start) / 1_000_000, lag));
        })
        .onSuccess(done -> {
          long pause = done.events() == 0 ? 0 : pacer.pauseAfter(done, events.partitions());
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

  /** Log entries the events came in (an entry holds the events an event loop received together, in a row). */
  private static int entriesIn(List<LoggedEvent> events) {
    int entries = 0;
    String last = null;
    for (LoggedEvent event : events) {
      if (!event.entryId().equals(last)) {
        entries++;
        last = event.entryId();
      }
    }
    return entries;
  }

  private void claimStale() {
    for (int p = 0; p < events.partitions(); p++) {
      int partition = p;
      events.claimStale(partition, consumer, CLAIM_IDLE_MS, batchSize)
          .compose(entries -> project(partition, entries))
          .onFailure(this::logFailure);
    }
  }

  /**
   * Records the batch on its visitors (one script call per key shard), adds the fresh events to their days (one
   * call per site and day), tells the listeners of every event, duplicates included, and only then acknowledges
   * the entries. If any step fails nothing is acknowledged and the batch is read again: recording is idempotent
   * by event id and the days count only events that were fresh in this round's recording, so nothing is counted
   * twice. The price is the window between the two steps: when recording succeeded (on some shards, or all) and
   * counting did not (a failure, a crash), the retry finds those events already recorded and their days never
   * count them. Daily aggregates may therefore fall short after failures; visitor profiles do not.
   */
  Future<Void> project(int partition, List<LoggedEvent> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> ids = entries.stream().map(LoggedEvent::entryId).toList();
    // the dropped events of erased visitors are acknowledged with the rest: nothing is kept of them
    return erased.keep(entries).compose(kept -> projectKept(ProjectionBatch.of(kept, sites)))
        .compose(v -> events.ack(partition, ids));
  }

  private Future<Void> projectKept(ProjectionBatch batch) {
    return visitors.record(batch.recordings())
        .compose(recorded -> {
          int fresh = (int) recorded.stream().filter(Recorded::fresh).count();
          metrics.eventsProjected(fresh);
          // a replay, or a retry after a failure further down: listeners are idempotent and may have missed it
          metrics.eventsDuplicate(recorded.size() - fresh);
          return count(batch.dailyTotals(recorded)).compose(v -> notifyListeners(batch.events(), recorded));
        });
  }

  private Future<Void> count(List<ProjectionBatch.DayTotals> days) {
    List<Future<Void>> counted = new ArrayList<>(days.size());
    for (ProjectionBatch.DayTotals day : days) {
      counted.add(stats.count(day.site(), day.day(), day.totals(), day.ttlSeconds()));
    }
    return Future.all(counted).mapEmpty();
  }

  private Future<Void> notifyListeners(List<Event> events, List<Recorded> recorded) {
    if (listeners.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> told = new ArrayList<>(events.size() * listeners.size());
    for (int i = 0; i < events.size(); i++) {
      for (ProjectionListener listener : listeners) {
        told.add(listener.projected(events.get(i), recorded.get(i)));
      }
    }
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
