package io.leadgate.collect;

/**
 * How long the projector pauses after a round. Intake comes first: the log exists to absorb bursts, and a
 * browser waits for intake, not for projection. While this instance accepts more than {@code busyAbove} events a
 * second and the log is less than half full, projection keeps to {@code share} of the time (after a round that
 * took t ms it pauses t × (1 − share) / share) and catches up once the burst is over. While intake outruns even
 * projection at full speed (a surge), a round cannot stop the backlog from growing and only takes Redis and CPU
 * from intake, so projection waits for the surge to pass, one round a second, and a small one: a round of a whole
 * batch took a fifth of Redis's time from intake at every surge measured (docs/benchmarks.md). Every tenth is whole,
 * so that the full speed stays measured: a surge judged on a stale low estimate would never end. Projection runs flat
 * out again once it is more than {@code maxLagMs} behind (a steady rate above {@code busyAbove} is no burst: at the
 * share the backlog grew without end until the log was half full; docs/benchmarks.md), or past half of the backlog
 * limit, so that intake is slowed rather than refused.
 */
public final class ProjectionPacer {
  /** Never pauses longer than this: projection keeps moving, if slowly, whatever a round cost. */
  static final long MAX_PAUSE_MS = 1000;
  /** Log entries a round reads during a surge: it keeps projection moving and the backlog's age known, no more. */
  static final int SURGE_ENTRIES = 1;
  /** One round in this many reads a whole batch during a surge, so that the full speed stays measured. */
  static final int SURGE_MEASURES_EVERY = 10;
  /** How much a new full round moves the full-speed estimate: a few rounds, not one slow one, change it. */
  private static final double LEARNING = 0.25;
  private final IntakeRate intake;
  private final Backlog backlog;
  private final long busyAbove;
  private final double share;
  private final long maxLagMs;
  /** Events a second the rounds project together at full speed, as recent full rounds measured it; 0 = unknown. */
  private volatile double fullSpeed;
  private volatile boolean surging;
  private int surgeRounds;

  public ProjectionPacer(IntakeRate intake, Backlog backlog, long busyAbove, double share, long maxLagMs) {
    this.intake = intake;
    this.backlog = backlog;
    this.busyAbove = busyAbove;
    this.share = share;
    this.maxLagMs = maxLagMs;
  }

  /**
   * What one round did.
   *
   * @param events how many events it projected
   * @param full   whether it read a whole batch of log entries (as many as a round may outside a surge): more were
   *               waiting, so it ran at full speed
   * @param millis how long its projection took (not its wait for new entries)
   * @param lagMs  how long before the round its oldest event was received: how far behind intake projection is
   */
  public record Round(int events, boolean full, long millis, long lagMs) {
  }

  /**
   * @param loops rounds that run side by side (one per log partition): together they keep to the share, and
   *              together they make the full speed
   */
  public long pauseAfter(Round round, int loops) {
    if (round.full()) {
      learn(round, loops);
    }
    long accepting = intake.perSecond();
    surging = false;
    if (share >= 1.0 || accepting <= busyAbove || round.lagMs() > maxLagMs || backlog.pastHalf()) {
      return 0;
    }
    if (fullSpeed > 0 && accepting > fullSpeed) {
      surging = true;
      return MAX_PAUSE_MS;
    }
    double each = share / Math.max(1, loops);
    return Math.min(MAX_PAUSE_MS, Math.round(Math.max(1, round.millis()) * (1 - each) / each));
  }

  /** Log entries the next round may read: {@link #SURGE_ENTRIES} during a surge, otherwise a whole batch. */
  public int entriesNext(int batchSize) {
    if (!surging) {
      return batchSize;
    }
    // one count for the partitions' rounds, which all run on the projector's context
    return ++surgeRounds % SURGE_MEASURES_EVERY == 0 ? batchSize : Math.min(SURGE_ENTRIES, batchSize);
  }

  /** Events a second projection last kept at full speed (0 before its first full round). */
  public double fullSpeed() {
    return fullSpeed;
  }

  private void learn(Round round, int loops) {
    double measured = round.events() * 1000.0 / Math.max(1, round.millis()) * Math.max(1, loops);
    double known = fullSpeed;
    fullSpeed = known == 0 ? measured : known + LEARNING * (measured - known);
  }
}
