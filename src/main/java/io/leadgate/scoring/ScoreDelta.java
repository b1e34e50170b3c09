package io.leadgate.scoring;

import java.util.List;
import java.util.Map;

/**
 * What one scoring step brings to a lead: its events' points and signals, and maybe a new fit. {@link ScoreStep}
 * decides what it changes (each event once by id, caps, repeats, points, fit, BANT, then the thresholds and stage).
 *
 * @param events   events to score, oldest first (one live event, or a visitor's history when it converts)
 * @param fit      the fit recomputed from the lead's fields, or null to keep the stored one
 * @param readOnly only compute and return the lead's current score and stage; write nothing
 */
public record ScoreDelta(List<ScoredEvent> events, FitUpdate fit, boolean readOnly) {

  public ScoreDelta {
    events = List.copyOf(events);
  }

  public static ScoreDelta readOnlyDelta() {
    return new ScoreDelta(List.of(), null, true);
  }

  /**
   * One event's part.
   *
   * @param day    its UTC day ({@code yyyyMMdd}), which daily caps count by
   * @param bant   BANT criteria the event makes known, with why
   * @param why    a short description for stage reasons ({@code pageview /pricing})
   * @param repeat what makes a later event a repeat of this one, or null: it always scores
   */
  public record ScoredEvent(String id, long at, String day, List<Points> points, Map<Criterion, String> bant,
                            String why, Repeat repeat) {
    public ScoredEvent {
      points = List.copyOf(points);
      bant = Map.copyOf(bant);
    }

    /** An event that is never a repeat. */
    public ScoredEvent(String id, long at, String day, List<Points> points, Map<Criterion, String> bant, String why) {
      this(id, at, day, points, bant, why, null);
    }

    /**
     * Events with the same key within {@code windowMs} of the last one that scored score nothing (a download of the
     * same file, say); they still count as activity.
     */
    public record Repeat(String key, long windowMs) {
    }
  }

  /**
   * Fit as computed from the lead's fields.
   *
   * @param source the lead's {@code fields} JSON as stored when it was read: the store refuses the update if the
   *               fields changed meanwhile (the caller then reads them again)
   * @param rules  matched fit rule → points and why
   * @param bant   BANT criteria the fields make known, with why (replaces the earlier field-based ones)
   */
  public record FitUpdate(String source, Map<String, FitPoints> rules, Map<Criterion, String> bant) {
    public FitUpdate {
      rules = Map.copyOf(rules);
      bant = Map.copyOf(bant);
    }
  }

  /** One matched fit rule. */
  public record FitPoints(int points, String why) {
  }
}
