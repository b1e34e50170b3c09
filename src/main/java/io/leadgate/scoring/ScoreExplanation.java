package io.leadgate.scoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A lead's score now, split into the rules that make it: for each behaviour rule the points earned, how often, when
 * first and last, and what they are worth today after decay; for each fit rule its points and why it matched.
 *
 * @param score           fit plus behaviour, two decimals (what the thresholds are compared with)
 * @param behaviour       decayed behaviour points
 * @param hold            a person's decision scoring waits on, or null
 * @param requalifyPoints the new points that release a hold
 */
public record ScoreExplanation(double score, double fit, double behaviour, long at, List<RuleLine> rules,
                               Map<String, ScoreDelta.FitPoints> fitRules, Map<Criterion, String> bant,
                               List<ScoreState.PointsEntry> recent, long halfLifeMs, Hold hold,
                               int requalifyPoints) {

  /**
   * One behaviour rule on this lead.
   *
   * @param points earned, undecayed
   * @param value  what they are worth at the explanation's time
   */
  public record RuleLine(String rule, long events, long points, double value, long first, long last) {
  }

  public static ScoreExplanation of(ScoreState state, long now, Thresholds thresholds) {
    long halfLifeMs = thresholds.halfLifeMs();
    List<RuleLine> lines = new ArrayList<>();
    double behaviour = 0;
    for (Map.Entry<String, ScoreState.RuleTotal> e : state.rules().entrySet()) {
      ScoreState.RuleTotal r = e.getValue();
      double value = Decay.at(r.value(), r.at(), now, halfLifeMs);
      behaviour += value;
      lines.add(new RuleLine(e.getKey(), r.count(), r.raw(), Decay.round(value), r.first(), r.last()));
    }
    lines.sort(Comparator.comparingDouble((RuleLine l) -> -Math.abs(l.value())).thenComparing(RuleLine::rule));
    double fit = state.fit().values().stream().mapToInt(ScoreDelta.FitPoints::points).sum();
    Map<Criterion, String> bant = new java.util.EnumMap<>(Criterion.class);
    bant.putAll(state.bantFields());
    bant.putAll(state.bantEvents());
    return new ScoreExplanation(Decay.round(fit + behaviour), fit, Decay.round(behaviour), now, lines,
        state.fit(), bant, state.recent(), halfLifeMs, state.hold(), thresholds.requalifyPoints());
  }

  public JsonObject toJson() {
    JsonArray behaviourRules = new JsonArray();
    rules.forEach(l -> behaviourRules.add(new JsonObject().put("rule", l.rule()).put("events", l.events())
        .put("points", l.points()).put("value", l.value()).put("first_at", l.first()).put("last_at", l.last())));
    JsonArray fitLines = new JsonArray();
    fitRules.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> fitLines.add(new JsonObject()
        .put("rule", e.getKey()).put("points", e.getValue().points()).put("why", e.getValue().why())));
    JsonObject known = new JsonObject();
    bant.forEach((c, why) -> known.put(c.label(), why));
    JsonArray latest = new JsonArray();
    recent.forEach(p -> latest.add(new JsonObject().put("event", p.event()).put("rule", p.rule())
        .put("points", p.points()).put("at", p.at())
        .put("value", Decay.round(Decay.at(p.points(), p.at(), at, halfLifeMs)))));
    JsonObject json = new JsonObject().put("score", score).put("fit", fit).put("behaviour", behaviour).put("at", at)
        .put("half_life_days", halfLifeMs / 86_400_000d).put("behaviour_rules", behaviourRules)
        .put("fit_rules", fitLines).put("bant", known).put("recent_points", latest);
    if (hold != null) {
      json.put("hold", new JsonObject().put("stage", hold.stage().label()).put("from", hold.from().label())
          .put("by", hold.by()).put("at", hold.at()).put("reason", hold.reason()).put("points", hold.points())
          .put("requalify_points", requalifyPoints).put("summary", hold.describe(requalifyPoints)));
    }
    return json;
  }
}
