package io.leadgate.collect;

import io.leadgate.ops.Metrics;
import io.vertx.core.Vertx;

/**
 * Watches how many events wait for projection, so that intake refuses (503) rather than letting the log grow
 * without bound while projection is behind or stopped. Checked once a second, not per request.
 */
public final class Backlog {
  private final long max;
  private volatile long current;

  public Backlog(long max) {
    this.max = max;
  }

  public boolean full() {
    return current >= max;
  }

  /** Past half the limit: time for projection to stop yielding to intake (see {@link ProjectionPacer}). */
  public boolean pastHalf() {
    return current >= max / 2;
  }

  /** Starts polling the log; returns the timer id. */
  public long watch(Vertx vertx, EventLog log, Metrics metrics) {
    return vertx.setPeriodic(1000, t -> log.backlog().onSuccess(n -> {
      update(n);
      metrics.backlog(n);
    }));
  }

  void update(long waiting) {
    current = waiting;
  }
}
