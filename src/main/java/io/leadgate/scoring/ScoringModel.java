package io.leadgate.scoring;

import io.leadgate.config.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one site scores and qualifies its leads: behaviour rules, fit rules, decay, the MQL threshold and the BANT
 * criteria. {@code scoring:} holds the model every site uses; {@code scoring.sites.<key>:} replaces it for one site.
 *
 * @param halfLifeDays behaviour points lose half their value in this many days (default 30; 0: they never decay);
 *                     fit points never decay
 * @param mql          when a lead becomes marketing qualified
 * @param bant         when it becomes sales qualified by itself; null: only when sales accepts it
 * @param rules        behaviour rules
 * @param fit          fit rules
 * @param notifyOn     {@code stage} (default): the outbox is told of stage changes only; {@code score}: of every
 *                     score change too ({@code lead.updated} with the score)
 * @param downloads    how repeated downloads score
 */
public record ScoringModel(Double halfLifeDays, MqlConfig mql, BantConfig bant, List<BehaviourRule> rules,
                           List<FitRule> fit, String notifyOn, DownloadsConfig downloads) {
  public static final String NOTIFY_STAGE = "stage";
  public static final String NOTIFY_SCORE = "score";

  public ScoringModel {
    halfLifeDays = halfLifeDays == null ? 30.0 : halfLifeDays;
    Check.that(!halfLifeDays.isNaN() && halfLifeDays >= 0 && halfLifeDays <= 3650, "halfLifeDays",
        "must be between 0 (no decay) and 3650 (was " + halfLifeDays + ")");
    mql = mql == null ? MqlConfig.defaults() : mql;
    downloads = downloads == null ? DownloadsConfig.defaults() : downloads;
    rules = rules == null ? List.of() : List.copyOf(rules);
    fit = fit == null ? List.of() : List.copyOf(fit);
    notifyOn = notifyOn == null ? NOTIFY_STAGE : notifyOn.strip().toLowerCase(Locale.ROOT);
    Check.that(notifyOn.equals(NOTIFY_STAGE) || notifyOn.equals(NOTIFY_SCORE), "notifyOn",
        "must be stage or score (was \"" + notifyOn + "\")");
    List<String> ids = new ArrayList<>();
    rules.forEach(r -> ids.add(r.id()));
    fit.forEach(r -> ids.add(r.id()));
    Check.unique(ids, "rules[].id");
  }

  public static ScoringModel defaults() {
    return new ScoringModel(null, null, null, null, null, null, null);
  }

  /** Half-life in milliseconds; 0 when behaviour points never decay. */
  public long halfLifeMs() {
    return Math.round(halfLifeDays * 86_400_000d);
  }
}
