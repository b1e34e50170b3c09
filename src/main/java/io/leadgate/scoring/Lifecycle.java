package io.leadgate.scoring;

import io.leadgate.identity.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle state machine. Stages run {@code subscriber → lead → mql → sql → opportunity → customer →
 * evangelist}; {@code disqualified} stands beside them.
 *
 * <ul>
 *   <li>Scoring moves a lead only forward, and never a disqualified one: to {@code mql} when the MQL threshold is
 *       reached, to {@code sql} when the BANT criteria all hold (both in one step: two moves).</li>
 *   <li>Sales and admins may set any stage. Moving a lead back, disqualifying it or requalifying it needs a
 *       reason.</li>
 *   <li>Scoring never undoes a person's decision: a lead a person moved back or out of {@code disqualified} is held
 *       where they put it until it shows new interest ({@link Hold}).</li>
 * </ul>
 */
public final class Lifecycle {
  private Lifecycle() {
  }

  /**
   * The stages scoring moves a lead through now, in order; empty when it stays where it is.
   *
   * @param held a person's decision holds the lead (see {@link Hold})
   */
  public static List<Stage> automaticMoves(Stage current, boolean held, boolean mqlReached, boolean bantComplete) {
    List<Stage> moves = new ArrayList<>(2);
    if (current == Stage.DISQUALIFIED || held) {
      return moves;
    }
    Stage at = current;
    if (mqlReached && Stage.MQL.isAfter(at)) {
      moves.add(Stage.MQL);
      at = Stage.MQL;
    }
    if (bantComplete && Stage.SQL.isAfter(at)) {
      moves.add(Stage.SQL);
    }
    return moves;
  }

  /**
   * True when a person's move holds the lead where they put it: they sent it back, or took it out of
   * {@code disqualified} (which scoring never leaves anyway, so disqualifying needs no hold).
   */
  public static boolean holds(Stage from, Stage to) {
    return to != Stage.DISQUALIFIED && needsReason(from, to);
  }

  /** True when a person setting this stage must say why. */
  public static boolean needsReason(Stage from, Stage to) {
    return to == Stage.DISQUALIFIED || from == Stage.DISQUALIFIED || from.isAfter(to);
  }

  /**
   * Checks a stage set by a person and returns the reason to record.
   *
   * @throws IllegalArgumentException when the move needs a reason and none was given
   */
  public static String manualReason(Stage from, Stage to, String reason) {
    boolean given = reason != null && !reason.isBlank();
    if (!given && needsReason(from, to)) {
      throw new IllegalArgumentException("a reason is needed to move a lead from " + from.label() + " to " + to.label());
    }
    return given ? reason.strip() : "set to " + to.label();
  }
}
