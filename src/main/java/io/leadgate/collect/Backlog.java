package io.leadgate.collect;

import io.leadgate.ops.Metrics;
import io.leadgate.store.EventLog;
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

  /** Starts polling the log; returns the timer id. */
  public long watch(Vertx vertx, EventLog log, Metrics metrics) {
    return vertx.setPeriodic(1000, t -> log.backlog().onSuccess(n -> {
      current = n;
      metrics.backlog(n);
    }));
  }
}
