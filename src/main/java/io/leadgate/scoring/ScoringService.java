package io.leadgate.scoring;

import io.leadgate.collect.Event;
import io.leadgate.collect.EventType;
import io.leadgate.core.StoreUnavailable;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadChanges;
import io.leadgate.identity.Stage;
import io.leadgate.ops.Metrics;
import io.leadgate.scoring.ScoreDelta.ScoredEvent;
import io.leadgate.store.LeadChange;
import io.leadgate.store.LeadStore;
import io.leadgate.store.ScoreStore;
import io.leadgate.store.ScoreStore.IndexEntry;
import io.leadgate.store.VisitorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores leads as their events are projected and moves them through their stages; answers what the lead API asks.
 * The policy (what an event and a lead's fields are worth) comes from {@link ScoringRules}; the store applies it
 * atomically per lead.
 */
public final class ScoringService {
  /** A conversion scores the visitor's earlier history too: at most this many of its newest events. */
  static final int HISTORY_MAX = ScoreStore.KEPT_EVENT_IDS;
  private static final int FIT_ATTEMPTS = 20;

  private final LeadStore leads;
  private final ScoreStore scores;
  private final VisitorStore visitors;
  private final ScoringRules rules;
  private final Clock clock;
  private final Metrics metrics;

  public ScoringService(LeadStore leads, ScoreStore scores, VisitorStore visitors, ScoringRules rules, Clock clock,
                        Metrics metrics) {
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
    Future<List<ScoredEvent>> events = event.type() == EventType.FORM
        ? history(event, policy)
        : Future.succeededFuture(List.of(policy.score(event)));
    return events.compose(list -> event.type() == EventType.FORM
            ? applyWithFit(leadId, list, policy, 1)
            : scores.apply(leadId, new ScoreDelta(list, null, false), policy.thresholds(), clock.millis()))
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

  /** Recomputes the fit from the fields as stored; reads them again if a form changed them in between. */
  private Future<ScoreResult> applyWithFit(String leadId, List<ScoredEvent> events, SiteScoring policy, int attempt) {
    return scores.fitSource(leadId).compose(source -> {
      if (source.isEmpty()) {
        return Future.succeededFuture(ScoreResult.of(ScoreResult.Outcome.NO_LEAD));
      }
      ScoreDelta step = new ScoreDelta(events, policy.fit(source.get().fields(), source.get().email()), false);
      return scores.apply(leadId, step, policy.thresholds(), clock.millis()).compose(result -> {
        if (result.outcome() != ScoreResult.Outcome.STALE_FIT) {
          return Future.succeededFuture(result);
        }
        return attempt >= FIT_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("lead " + leadId + " fields are changing too fast", null))
            : applyWithFit(leadId, events, policy, attempt + 1);
      });
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
    return scores.index(result.site(), new IndexEntry(leadId, result.version(), result.stage(), result.score(),
        result.activity())).map(result);
  }

  /** Re-reads the lead's score and stage and puts them in the indexes (after a change made outside scoring). */
  public Future<ScoreResult> refresh(String leadId, String site) {
    SiteScoring policy = rules.current().site(site);
    return scores.apply(leadId, ScoreDelta.readOnlyDelta(), policy.thresholds(), clock.millis())
        .compose(result -> index(leadId, result));
  }

  /** The lead's score and stage now, read without writing anything. */
  public Future<ScoreResult> refreshView(String leadId, String site) {
    return scores.apply(leadId, ScoreDelta.readOnlyDelta(), rules.current().site(site).thresholds(), clock.millis());
  }

  /** The lead's score now, split into its rules. */
  public Future<ScoreExplanation> explain(String leadId, String site) {
    long halfLife = rules.current().site(site).thresholds().halfLifeMs();
    return scores.state(leadId).map(state -> ScoreExplanation.of(state, clock.millis(), halfLife));
  }

  /**
   * Sales feedback or an admin's decision: sets the stage, with a history entry and an outbox event
   * ({@code lead.stage_changed}, or {@code lead.disqualified}) carrying the score.
   *
   * @return empty when there is no such lead
   * @throws IllegalArgumentException (as a failed future) when the move needs a reason and has none
   */
  public Future<Optional<Lead>> setStage(String leadId, Stage stage, String reason, String by) {
    return setStage(leadId, stage, reason, by, 1);
  }

  private Future<Optional<Lead>> setStage(String leadId, Stage stage, String reason, String by, int attempt) {
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<Lead>empty());
      }
      Lead lead = found.get();
      String why;
      try {
        why = Lifecycle.manualReason(lead.stage(), stage, reason);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
      Optional<LeadChange> change = LeadChanges.stageChange(lead, stage, why, by, clock.millis());
      if (change.isEmpty()) {
        return Future.succeededFuture(found);
      }
      return refresh(leadId, lead.site()).compose(now -> {
        change.get().event().data().put("score", now.score()).put("fit", now.fit()).put("reason", why);
        return leads.apply(change.get());
      }).compose(applied -> {
        if (applied.outcome() == LeadChange.Outcome.APPLIED) {
          metrics.counter("leadgate.scoring.stage_changes", "to", stage.label(), "by", "api").increment();
          return refresh(leadId, lead.site()).map(Optional.of(change.get().after()));
        }
        return attempt >= LeadStore.MAX_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("lead " + leadId + " is changing too fast", null))
            : setStage(leadId, stage, reason, by, attempt + 1);
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
