package io.leadgate.scoring;

import io.leadgate.identity.Stage;
import io.leadgate.core.StoreUnavailable;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies {@link ScoreStep}'s decisions to a lead: reads its state, decides, and writes the change compare-and-set;
 * when the lead moved on meanwhile (another event, a form, sales), reads and decides again. One read and one write
 * per step when nobody else writes the lead; at most {@link #MAX_ATTEMPTS} rounds, then the step fails as the store
 * being unavailable (the projector retries the event later).
 */
public final class LeadScorer {
  /** Rounds of read-decide-write before giving up under contention; each round lets one writer of the lead win. */
  static final int MAX_ATTEMPTS = 100;

  private final ScoreStore store;

  public LeadScorer(ScoreStore store) {
    this.store = store;
  }

  /** Applies a step to the lead (each event at most once, by id). */
  public Future<ScoreStep.Decision> apply(String leadId, ScoreDelta step, Thresholds thresholds, long now) {
    return round(leadId, ids(step.events()), read -> ScoreStep.score(read, step, thresholds, now), 1);
  }

  /**
   * Applies the events with the fit recomputed from the lead's fields as read (a form submission): fields changed
   * meanwhile make a conflict and a fresh computation, never a stale fit.
   *
   * @param fit the fit of a lead's fields JSON and email
   */
  public Future<ScoreStep.Decision> applyWithFit(String leadId, List<ScoreDelta.ScoredEvent> events,
                                                 BiFunction<String, String, ScoreDelta.FitUpdate> fit,
                                                 Thresholds thresholds, long now) {
    return round(leadId, ids(events), read -> ScoreStep.score(read, new ScoreDelta(events,
        read.lead() == null ? null : fit.apply(read.fields(), read.lead().email()), false), thresholds, now), 1);
  }

  /** The lead's score and stage now, written nowhere. */
  public Future<ScoreStep.Decision> view(String leadId, Thresholds thresholds, long now) {
    return store.read(leadId, List.of())
        .map(read -> ScoreStep.score(read, ScoreDelta.readOnlyDelta(), thresholds, now));
  }

  /**
   * A stage set by a person, with the hold it puts on scoring ({@link ScoreStep#setStage}).
   *
   * @throws IllegalArgumentException (as a failed future) when the move needs a reason and has none
   */
  public Future<ScoreStep.Decision> setStage(String leadId, Stage stage, String reason, String by,
                                             Thresholds thresholds, long now) {
    return round(leadId, List.of(), read -> ScoreStep.setStage(read, stage, reason, by, thresholds, now), 1);
  }

  private static List<String> ids(List<ScoreDelta.ScoredEvent> events) {
    return events.stream().map(ScoreDelta.ScoredEvent::id).toList();
  }

  private Future<ScoreStep.Decision> round(String leadId, List<String> eventIds,
                                           Function<ScoreSnapshot, ScoreStep.Decision> decide, int attempt) {
    return store.read(leadId, eventIds).compose(read -> {
      ScoreStep.Decision decision;
      try {
        decision = decide.apply(read);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
      if (decision.change() == null) {
        return Future.succeededFuture(decision);
      }
      return store.write(decision.change()).compose(written -> {
        if (written) {
          return Future.succeededFuture(decision);
        }
        return attempt >= MAX_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("lead " + leadId + " is changing too fast", null))
            : round(leadId, eventIds, decide, attempt + 1);
      });
    });
  }
}
