package io.leadgate.collect;

/**
 * How long the projector pauses after a round. Intake comes first: the log exists to absorb bursts, and a
 * browser waits for intake, not for projection. While this instance accepts more than {@code busyAbove} events a
 * second and the log is less than half full, projection keeps to {@code share} of the time (after a round that
 * took t ms it pauses t × (1 − share) / share) and catches up once the burst is over. Past half of the backlog
 * limit it runs flat out again, so that intake is slowed rather than refused.
 */
public final class ProjectionPacer {
  /** Never pauses longer than this: projection keeps moving, if slowly, whatever a round cost. */
  static final long MAX_PAUSE_MS = 1000;
  private final IntakeRate intake;
  private final Backlog backlog;
  private final long busyAbove;
  private final double share;

  public ProjectionPacer(IntakeRate intake, Backlog backlog, long busyAbove, double share) {
    this.intake = intake;
    this.backlog = backlog;
    this.busyAbove = busyAbove;
    this.share = share;
  }

  /**
   * @param roundMillis how long the round's projection took (not its wait for new entries)
   * @param loops       rounds that run side by side (one per log partition): together they keep to the share
   */
  public long pauseAfter(long roundMillis, int loops) {
    if (share >= 1.0 || intake.perSecond() <= busyAbove || backlog.pastHalf()) {
      return 0;
    }
    double each = share / Math.max(1, loops);
    return Math.min(MAX_PAUSE_MS, Math.round(Math.max(1, roundMillis) * (1 - each) / each));
  }

}
