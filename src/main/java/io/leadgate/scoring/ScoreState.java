package io.leadgate.scoring;

import io.leadgate.scoring.ScoreDelta.FitPoints;
import java.util.List;
import java.util.Map;

/**
 * A lead's stored scoring state, as the explanation reads it.
 *
 * @param rules      behaviour rule id → its running total
 * @param fit        matched fit rule id → points and why
 * @param bantEvents BANT criteria known from events and forms (they stay known)
 * @param bantFields BANT criteria known from the lead's fields (they follow the fields)
 * @param recent     the newest scored points, newest first (bounded)
 * @param activity   the newest scored event's time, ms
 */
public record ScoreState(Map<String, RuleTotal> rules, Map<String, FitPoints> fit, Map<Criterion, String> bantEvents,
                         Map<Criterion, String> bantFields, List<PointsEntry> recent, long activity) {

  public static final ScoreState EMPTY = new ScoreState(Map.of(), Map.of(), Map.of(), Map.of(), List.of(), 0);

  /**
   * One behaviour rule's points on one lead.
   *
   * @param value decayed total as of {@code at} (see {@link Decay})
   * @param count events that scored
   * @param raw   points earned, undecayed
   * @param first first scoring event's time
   * @param last  latest scoring event's time
   * @param day   the UTC day the daily cap counts ({@code yyyyMMdd})
   * @param today events scored on that day
   */
  public record RuleTotal(double value, long at, long count, long raw, long first, long last, String day, long today) {
  }

  /** One event's points from one rule. */
  public record PointsEntry(String event, String rule, int points, long at) {
  }
}
