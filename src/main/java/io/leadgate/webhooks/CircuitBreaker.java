package io.leadgate.webhooks;

import java.time.Clock;
import java.time.Duration;

/**
 * One endpoint's circuit, in one gateway instance: after {@code threshold} unhealthy answers in a row it opens and
 * nothing is sent for a cool-down; then one probe is let through (half open): its success closes the circuit, its
 * failure opens it again for twice as long, up to {@code maxCooldown}. A dead receiver so costs one request per
 * cool-down instead of one per waiting lead, and takes no capacity from the other endpoints. Confined to the
 * dispatcher's event loop; not thread-safe.
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final Clock clock;
  private final int threshold;
  private final Duration cooldown;
  private final Duration maxCooldown;
  private int failures;
  private Duration currentCooldown;
  private long openUntil;
  private boolean probing;
  private State state = State.CLOSED;

  public CircuitBreaker(Clock clock, int threshold, Duration cooldown, Duration maxCooldown) {
    this.clock = clock;
    this.threshold = threshold;
    this.cooldown = cooldown;
    this.maxCooldown = maxCooldown;
    this.currentCooldown = cooldown;
  }

  /** How many requests may be in flight now: {@code concurrency} when closed, 1 probe when half open, else 0. */
  public int permits(int concurrency) {
    return switch (state()) {
      case CLOSED -> concurrency;
      case HALF_OPEN -> probing ? 0 : 1;
      case OPEN -> 0;
    };
  }

  public State state() {
    if (state == State.OPEN && clock.millis() >= openUntil) {
      state = State.HALF_OPEN;
      probing = false;
    }
    return state;
  }

  /** A request is about to go out; in the half-open state it is the one probe. */
  public void started() {
    if (state() == State.HALF_OPEN) {
      probing = true;
    }
  }

  public void succeeded() {
    failures = 0;
    currentCooldown = cooldown;
    probing = false;
    state = State.CLOSED;
  }

  public void failed() {
    State now = state();
    probing = false;
    if (now == State.HALF_OPEN) {
      currentCooldown = min(currentCooldown.multipliedBy(2), maxCooldown);
      open();
    } else if (now == State.CLOSED && ++failures >= threshold) {
      open();
    }
  }

  /** When an open circuit lets its next probe through (ms since epoch); meaningful only when open. */
  public long openUntil() {
    return openUntil;
  }

  private void open() {
    state = State.OPEN;
    openUntil = clock.millis() + currentCooldown.toMillis();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
