package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.identity.Lead;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoreDelta.ScoredEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scoring policy alone, without a store: what a step decides from a state. */
class ScoreStepTest {
  static final long DAY = 86_400_000L;
  static final long T0 = 1_764_000_000_000L;
  static final long HALF = 30 * DAY;

  static Lead lead(Stage stage) {
    return new Lead("ld_aaaaaaaaaaaaaaaaaaaa", "acme", "ann@acme.com", stage, T0, T0, 1, new JsonObject(),
        new JsonArray(), new JsonObject(), null);
  }

  static ScoreSnapshot snapshot(Lead lead, ScoreState state) {
    return new ScoreSnapshot(lead, "{}", state, Set.of());
  }

  static ScoredEvent event(String id, long at, int points) {
    return new ScoredEvent(id, at, SiteScoring.day(at), List.of(new Points("rule-" + Math.floorMod(points, 4), points,
        0)), Map.of(), "pageview /x");
  }

  /** Applies each event in its own step, written back as the store would. */
  static ScoreState applyEach(List<ScoredEvent> events, Thresholds t) {
    ScoreState state = ScoreState.EMPTY;
    for (ScoredEvent e : events) {
      state = ScoreStep.score(snapshot(lead(Stage.LEAD), state), new ScoreDelta(List.of(e), null, false), t, T0)
          .change().state();
    }
    return state;
  }

  @Test
  void score_eventsOutOfOrder_decayAsIfEachPointDecayedOnItsOwn() {
    Thresholds never = new Thresholds(1_000_000, null, Set.of(), HALF, false);
    Random random = new Random(7);
    List<ScoredEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long at = T0 + (long) (random.nextDouble() * 120 * DAY);
      events.add(event("e-" + i, at, random.nextInt(61) - 20));
    }
    ScoreState state = applyEach(events, never);
    for (long now : new long[] {T0 + 121 * DAY, T0 + 400 * DAY}) {
      double expected = 0;
      for (ScoredEvent e : events) {
        expected += Decay.at(e.points().get(0).points(), e.at(), now, HALF);
      }
      ScoreResult result = ScoreStep.score(snapshot(lead(Stage.LEAD), state), ScoreDelta.readOnlyDelta(), never, now)
          .result();
      assertEquals(Decay.round(expected), result.score(), 0.011, "at " + now);
      assertEquals(result.score(), ScoreExplanation.of(state, now, never).score(), "the explanation sums the same");
    }
  }

  @Test
  void score_nothingNew_decidesNoWrite() {
    Thresholds t = new Thresholds(50, null, Set.of(), 0, false);
    ScoreSnapshot seen = new ScoreSnapshot(lead(Stage.LEAD), "{}", ScoreState.EMPTY, Set.of("e-1"));
    assertNull(ScoreStep.score(seen, new ScoreDelta(List.of(event("e-1", T0, 10)), null, false), t, T0).change());
  }

  @Test
  void setStage_backWithoutReason_isRefused() {
    Thresholds t = new Thresholds(50, null, Set.of(), 0, false);
    assertThrows(IllegalArgumentException.class, () -> ScoreStep.setStage(snapshot(lead(Stage.MQL), ScoreState.EMPTY),
        Stage.LEAD, " ", "api:crm", t, T0));
  }

  @Test
  void setStage_outOfDisqualified_holdsTheLeadAsRequalifiedBySales() {
    Thresholds t = new Thresholds(50, null, Set.of(), 0, false);
    ScoreStep.Decision d = ScoreStep.setStage(snapshot(lead(Stage.DISQUALIFIED), ScoreState.EMPTY), Stage.LEAD,
        "not junk after all", "api:crm", t, T0);
    Hold hold = d.change().state().hold();
    assertEquals(Stage.DISQUALIFIED, hold.from());
    assertEquals("requalified to lead by api:crm on 2025-11-24, 0 of 50 new points", hold.describe(50));
  }

  @Test
  void score_heldLead_reachingRequalifyPoints_releasesTheHoldEvenBelowTheThreshold() {
    Thresholds t = new Thresholds(100, null, Set.of(), 0, false, 10);
    ScoreState held = ScoreStep.setStage(snapshot(lead(Stage.MQL), ScoreState.EMPTY), Stage.LEAD, "nurture", "api:crm",
        t, T0).change().state();
    ScoreStep.Decision d = ScoreStep.score(snapshot(lead(Stage.LEAD), held), new ScoreDelta(List.of(event("e-1",
        T0 + 1, 12)), null, false), t, T0 + 1);
    assertNull(d.change().state().hold());
    assertTrue(d.result().moves().isEmpty(), "12 points are short of the MQL threshold");
  }

  @Test
  void score_leadSentBackFromSqlWithBantComplete_staysUntilNewInterest() {
    Thresholds bant = new Thresholds(50, null, Set.of(Criterion.NEED), 0, false);
    ScoreState known = new ScoreState(Map.of(), Map.of(), Map.of(Criterion.NEED, "form demo"), Map.of(), List.of(), 0,
        new ScoreState.Total(0, 0), -1, 0, null, Map.of());
    ScoreState held = ScoreStep.setStage(snapshot(lead(Stage.SQL), known), Stage.MQL, "not ready", "api:crm", bant, T0)
        .change().state();
    ScoreStep.Decision visit = ScoreStep.score(snapshot(lead(Stage.MQL), held), new ScoreDelta(List.of(event("e-1",
        T0 + 1, 10)), null, false), bant, T0 + 1);
    assertTrue(visit.result().moves().isEmpty(), "BANT is complete, but sales sent it back");
    ScoreStep.Decision interest = ScoreStep.score(snapshot(lead(Stage.MQL), visit.change().state()), new ScoreDelta(
        List.of(event("e-2", T0 + 2, 40)), null, false), bant, T0 + 2);
    assertEquals(List.of(Stage.SQL), interest.result().moves().stream().map(ScoreResult.Move::to).toList());
  }
}
