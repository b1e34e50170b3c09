package io.leadgate.scoring;

import io.leadgate.identity.Stage;
import java.util.List;

/**
 * What a scoring step did, and the lead as it is after it.
 *
 * @param site     the lead's site
 * @param version  grows with every change to the lead's stage or score (its {@code seq} plus the score's own
 *                 counter): index updates carrying an older version are ignored
 * @param score    total score now (fit plus decayed behaviour), two decimals
 * @param fit      fit score
 * @param activity the newest scored event's time, ms (0: none yet)
 * @param fresh    events applied for the first time (the others were seen before)
 * @param moves    stage changes the step made, in order
 * @param reindex  the lead's index entries are out of date: its score or stage changed, or its activity moved to
 *                 another minute (the recent order is kept to the minute)
 */
public record ScoreResult(Outcome outcome, String site, Stage stage, long seq, long version, double score, double fit,
                          long activity, int fresh, List<Move> moves, boolean reindex) {

  public ScoreResult {
    moves = List.copyOf(moves);
  }

  public static ScoreResult of(Outcome outcome) {
    return new ScoreResult(outcome, null, null, 0, 0, 0, 0, 0, 0, List.of(), false);
  }

  public enum Outcome {
    /** Applied (or nothing new to apply); the fields describe the lead now. */
    APPLIED,
    /** There is no such lead. */
    NO_LEAD,
    /** The lead's fields changed since the fit was computed: read them again and recompute. */
    STALE_FIT
  }

  /** One stage change: the outbox entry carries {@code seq}. */
  public record Move(Stage from, Stage to, String reason, long seq) {
  }
}
