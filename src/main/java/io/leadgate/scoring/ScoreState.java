package io.leadgate.scoring;

import io.leadgate.scoring.ScoreDelta.FitPoints;
import java.util.List;
import java.util.Map;

/**
 * A lead's stored scoring state: what {@link ScoreStep} decides from and the explanation shows.
 *
 * @param rules      behaviour rule id → its running total
 * @param fit        matched fit rule id → points and why
 * @param bantEvents BANT criteria known from events and forms (they stay known)
 * @param bantFields BANT criteria known from the lead's fields (they follow the fields)
 * @param recent     the newest scored points, newest first (bounded; read for explanations only)
 * @param activity   the newest scored event's time, ms
 * @param behaviour  every rule's points as one running total (what the thresholds are checked against)
 * @param horizon    events at or before this time may have been forgotten by the de-duplication and are not
 *                   scored again (-1: none forgotten); the store moves it when it trims the scored ids
 * @param version    grows with every write of the state (the compare-and-set's token, with the lead's seq)
 * @param hold       a person's decision that holds the lead where they put it, or null
 * @param repeats    repeat key → time of the last event of that key that scored, within its window
 */
public record ScoreState(Map<String, RuleTotal> rules, Map<String, FitPoints> fit, Map<Criterion, String> bantEvents,
                         Map<Criterion, String> bantFields, List<PointsEntry> recent, long activity, Total behaviour,
                         long horizon, long version, Hold hold, Map<String, Long> repeats) {

  public static final ScoreState EMPTY = new ScoreState(Map.of(), Map.of(), Map.of(), Map.of(), List.of(), 0,
      new Total(0, 0), -1, 0, null, Map.of());

  public ScoreState {
    rules = Map.copyOf(rules);
    fit = Map.copyOf(fit);
    bantEvents = Map.copyOf(bantEvents);
    bantFields = Map.copyOf(bantFields);
    recent = List.copyOf(recent);
    repeats = Map.copyOf(repeats);
  }

  /** Fit score: the sum of the matched fit rules. */
  public double fitScore() {
    return fit.values().stream().mapToInt(FitPoints::points).sum();
  }

  /** BANT criteria known now, with why: from fields, and from events where both know one. */
  public Map<Criterion, String> known() {
    Map<Criterion, String> known = new java.util.EnumMap<>(Criterion.class);
    known.putAll(bantFields);
    known.putAll(bantEvents);
    return known;
  }

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

  /** A running total of decaying points: {@code value} as of {@code at} (see {@link Decay#add}). */
  public record Total(double value, long at) {
  }

  /** One event's points from one rule. */
  public record PointsEntry(String event, String rule, int points, long at) {
  }
}
