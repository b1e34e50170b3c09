package io.leadgate.scoring;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.core.StoreUnavailable;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadBackfill;
import io.leadgate.identity.Stage;
import io.leadgate.ops.Metrics;
import io.leadgate.scoring.ScoreDelta.ScoredEvent;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.VisitorStore;
import io.leadgate.scoring.ScoreStore.IndexEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scores leads as their events are projected and moves them through their stages; answers what the lead API asks.
 * What an event and a lead's fields are worth comes from {@link ScoringRules}; what that changes on a lead is
 * decided by {@link ScoreStep} and written compare-and-set by {@link LeadScorer}.
 */
public final class ScoringService {
  /** A conversion scores the visitor's earlier history too: at most this many of its newest events. */
  static final int HISTORY_MAX = ScoreStore.KEPT_EVENT_IDS;

  private final LeadScorer scorer;
  private final LeadStore leads;
  private final ScoreStore scores;
  private final VisitorStore visitors;
  private final ScoringRules rules;
  private final Clock clock;
  private final Metrics metrics;

  public ScoringService(LeadStore leads, ScoreStore scores, VisitorStore visitors, ScoringRules rules, Clock clock,
                        Metrics metrics) {
    this.scorer = new LeadScorer(scores);
    this.leads = leads;
    this.scores = scores;
    this.visitors = visitors;
    this.rules = rules;
    this.clock = clock;
    this.metrics = metrics;
  }

  public ScoringRules rules() {
    return rules;
  }

  /**
   * Scores one event of a lead (idempotent by event id). A form submission also recomputes the fit from the lead's
   * fields and scores the visitor's history from before it converted.
   */
  public Future<ScoreResult> score(Event event, String leadId) {
    SiteScoring policy = rules.current().site(event.site());
    Future<ScoreStep.Decision> decided = event.type() == EventType.FORM
        ? history(event, policy).compose(list -> scorer.applyWithFit(leadId, list, policy::fit, policy.thresholds(),
            clock.millis()))
        : scorer.apply(leadId, new ScoreDelta(List.of(policy.score(event)), null, false), policy.thresholds(),
            clock.millis());
    return decided.map(ScoreStep.Decision::result)
        .compose(result -> index(leadId, result))
        .onSuccess(this::count);
  }

  /** Counts steps by outcome and stage changes by stage (Prometheus: leadgate_scoring_*). */
  private void count(ScoreResult result) {
    metrics.counter("leadgate.scoring.steps", "outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .increment();
    result.moves().forEach(m -> metrics.counter("leadgate.scoring.stage_changes", "to", m.to().label(), "by", "scoring")
        .increment());
  }

  /** The visitor's history, oldest first, ending with the event itself. */
  private Future<List<ScoredEvent>> history(Event event, SiteScoring policy) {
    return visitors.timeline(event.site(), event.visitor(), HISTORY_MAX).map(entries -> {
      List<ScoredEvent> scored = new ArrayList<>(entries.size() + 1);
      for (int i = entries.size() - 1; i >= 0; i--) {
        Event earlier = fromTimeline(entries.get(i), event.site(), event.visitor());
        if (earlier != null && !earlier.id().equals(event.id())) {
          scored.add(policy.score(earlier));
        }
      }
      scored.add(policy.score(event));
      return scored;
    });
  }

  /**
   * Puts the lead in its site's indexes when they are out of date, and whenever nothing new was applied: a step
   * whose events were all seen before is most likely the retry of one whose index update failed.
   */
  private Future<ScoreResult> index(String leadId, ScoreResult result) {
    if (result.outcome() != ScoreResult.Outcome.APPLIED || !(result.reindex() || result.fresh() == 0)) {
      return Future.succeededFuture(result);
    }
    return scores.index(result.site(), new IndexEntry(leadId, result.version(), result.stage(), ceiling(result),
        result.activity())).map(result);
  }

  /**
   * What the score index holds: the highest score the lead can have until its next change. Behaviour decays towards
   * 0 and the fit does not, so a positive behaviour only falls and a negative one only rises towards the fit.
   */
  static double ceiling(ScoreResult result) {
    return Math.max(result.score(), result.fit());
  }

  /**
   * Rewrites the score index of a site written before it held ceilings, once: each lead's entry again, from its state
   * now (a newer entry written meanwhile wins by its version).
   */
  public LeadBackfill ceilingsBackfill(Supplier<Future<Void>> pause) {
    return new LeadBackfill("score index rebuild (ceilings)", leads, new LeadBackfill.Work(scores::ceilingsIndexed,
        scores::markCeilingsIndexed, (site, leadId) -> refreshView(leadId, site)
            .compose(result -> index(leadId, result)).mapEmpty()), pause);
  }

  /** The lead's score and stage now, read without writing anything. */
  public Future<ScoreResult> refreshView(String leadId, String site) {
    return view(leadId, site, clock.millis());
  }

  /** The lead's score and stage as of {@code at} (ms), read without writing anything. */
  public Future<ScoreResult> view(String leadId, String site, long at) {
    return scorer.view(leadId, rules.current().site(site).thresholds(), at).map(ScoreStep.Decision::result);
  }

  /** The time now (ms), by the clock scores decay with. */
  public long now() {
    return clock.millis();
  }

  /** The lead's score now, split into its rules, with the hold a person's decision puts on it. */
  public Future<ScoreExplanation> explain(String leadId, String site) {
    Thresholds thresholds = rules.current().site(site).thresholds();
    return scores.state(leadId).map(state -> ScoreExplanation.of(state, clock.millis(), thresholds));
  }

  /**
   * Sales feedback or an admin's decision: sets the stage, with a history entry and an outbox event
   * ({@code lead.stage_changed}, or {@code lead.disqualified}) carrying the score; a move back holds the lead there
   * until it shows new interest ({@link Hold}).
   *
   * @return empty when there is no such lead
   * @throws IllegalArgumentException (as a failed future) when the move needs a reason and has none
   */
  public Future<Optional<Lead>> setStage(String leadId, Stage stage, String reason, String by) {
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<Lead>empty());
      }
      Thresholds thresholds = rules.current().site(found.get().site()).thresholds();
      return scorer.setStage(leadId, stage, reason, by, thresholds, clock.millis()).compose(decided -> {
        if (decided.result().moves().isEmpty()) {
          return Future.succeededFuture(Optional.ofNullable(decided.lead()));
        }
        metrics.counter("leadgate.scoring.stage_changes", "to", stage.label(), "by", "api").increment();
        return index(leadId, decided.result()).map(Optional.ofNullable(decided.lead()));
      });
    });
  }

  /** Rebuilds an event from a timeline entry ({@code collect.Projection.timelineEntry}); null if unreadable. */
  static Event fromTimeline(JsonObject entry, String site, String visitor) {
    Optional<EventType> type = EventType.parse(entry.getString("type"));
    String id = entry.getString("id");
    if (type.isEmpty() || id == null) {
      return null;
    }
    Map<String, String> utm = new HashMap<>();
    JsonObject utmJson = entry.getJsonObject("utm");
    if (utmJson != null) {
      utmJson.forEach(e -> utm.put(e.getKey(), String.valueOf(e.getValue())));
    }
    JsonObject props = entry.getJsonObject("props");
    return new Event(id, site, visitor, null, type.get(), entry.getString("url", ""), entry.getString("page"),
        entry.getString("title"), null, utm, Map.of(), entry.getString("name"),
        props == null ? Map.of() : props.getMap(), 0, entry.getLong("at", 0L), null);
  }
}
