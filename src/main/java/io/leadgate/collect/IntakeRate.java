package io.leadgate.collect;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.LongAdder;

/** Events this instance accepted in the last whole second: what tells projection that intake is busy. */
public final class IntakeRate {
  private final LongAdder accepted = new LongAdder();
  private volatile long perSecond;

  /** Called by intake's event loops: a LongAdder keeps them from contending on one counter. */
  public void accepted(int events) {
    accepted.add(events);
  }

  public long perSecond() {
    return perSecond;
  }

  /** Starts sampling once a second; returns the timer id. */
  public long watch(Vertx vertx) {
    return vertx.setPeriodic(1000, t -> sample());
  }

  /** Closes the current second. */
  void sample() {
    perSecond = accepted.sumThenReset();
  }
}
