package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Stores;
import io.leadgate.core.DomainEvent;
import io.leadgate.identity.Conversion;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.Stage;
import io.leadgate.identity.StageEntry;
import io.leadgate.scoring.ScoreDelta.FitPoints;
import io.leadgate.scoring.ScoreDelta.ScoredEvent;
import io.leadgate.scoring.ScoreStore.IndexEntry;
import io.leadgate.scoring.ScoreStore.IndexHit;
import io.leadgate.scoring.ScoreStore.LeadOrder;
import io.leadgate.testing.Outboxes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What scoring promises over every {@link ScoreStore} (the policy, {@code ScoreStep}, applied by {@link LeadScorer}),
 * on the in-memory store and on a real Redis: each event scored once, caps per rule and day, repeats within their
 * window scored once, decay as {@link Decay} computes it, thresholds crossed once (also under concurrency), a
 * person's decision never undone by scoring, stage history and outbox entries with the change, writes refused when
 * the lead moved on, and indexes that ignore stale updates.
 */
abstract class ScoreStoreContract {
  static final String SITE = "acme";
  static final long DAY = 86_400_000L;
  static final long T0 = 1_764_000_000_000L;
  static final long HALF = 30 * DAY;
  static final Thresholds MQL_50 = new Thresholds(50, null, Set.of(), HALF, false);
  private final LeadIds ids = new LeadIds();
  private int sequence;

  protected abstract Stores stores();

  /** Another instance on the same data (Redis: a second client; memory: the same store). */
  protected abstract Stores otherInstance();

  ScoreStore scores() {
    return stores().scores();
  }

  /** The policy over this store: read, decide, compare-and-set. */
  LeadScorer scorer() {
    return new LeadScorer(scores());
  }

  ScoreResult step(String leadId, ScoreDelta delta, Thresholds t, long now) {
    return await(scorer().apply(leadId, delta, t, now)).result();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Lead lead(String email, JsonObject fields) {
    try {
      Conversion c = new Conversion(SITE, EmailAddress.parse(email), ids.get(), "sub-" + (++sequence), "visitor-1",
          "ebook", Stage.LEAD, fields, new JsonArray(), new JsonObject(), null, T0, 3600);
      return await(stores().leads().findOrCreate(c)).lead();
    } catch (EmailAddress.Invalid e) {
      throw new AssertionError(e);
    }
  }

  Lead lead() {
    return lead("ann" + (++sequence) + "@acme.com", new JsonObject().put("role", "CTO"));
  }

  static ScoredEvent event(String id, long at, String rule, int points, int maxPerDay) {
    return new ScoredEvent(id, at, day(at), rule == null ? List.of() : List.of(new Points(rule, points, maxPerDay)),
        Map.of(), "pageview /x: " + rule);
  }

  static String day(long at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.ofEpochMilli(at));
  }

  ScoreResult apply(Lead lead, Thresholds t, long now, ScoredEvent... events) {
    return step(lead.id(), new ScoreDelta(List.of(events), null, false), t, now);
  }

  List<StageEntry> stages(Lead lead) {
    return await(stores().leads().stages(lead.id()));
  }

  List<DomainEvent> outbox(Lead lead, String type) {
    return Outboxes.of(stores(), lead.id()).stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void score_matchingEvent_addsItsPoints() {
    Lead lead = lead();
    ScoreResult result = apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    assertEquals(ScoreResult.Outcome.APPLIED, result.outcome());
    assertEquals(10.0, result.score());
    assertEquals(1, result.fresh());
    assertEquals(Stage.LEAD, result.stage());
    assertEquals(SITE, result.site());
    assertEquals(T0, result.activity());
  }

  @Test
  void score_sameEventTwice_countsOnce() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    ScoreResult again = apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    assertEquals(10.0, again.score());
    assertEquals(0, again.fresh());
  }

  @Test
  void score_dailyCap_countsARuleAtMostSoOftenPerDay() {
    Lead lead = lead();
    Thresholds noDecay = new Thresholds(1000, null, Set.of(), 0, false);
    apply(lead, noDecay, T0, event("e-1", T0, "pricing", 10, 2), event("e-2", T0 + 1000, "pricing", 10, 2),
        event("e-3", T0 + 2000, "pricing", 10, 2));
    assertEquals(20.0, apply(lead, noDecay, T0 + 3000).score());
    ScoreResult nextDay = apply(lead, noDecay, T0 + DAY, event("e-4", T0 + DAY, "pricing", 10, 2));
    assertEquals(30.0, nextDay.score());
    ScoreResult other = apply(lead, noDecay, T0 + DAY, event("e-5", T0 + DAY, "webinar", 20, 0));
    assertEquals(50.0, other.score());
  }

  @Test
  void score_afterOneHalfLife_behaviourPointsAreWorthHalf() {
    Lead lead = lead();
    Thresholds high = new Thresholds(1000, null, Set.of(), HALF, false);
    apply(lead, high, T0, event("e-1", T0, "demo", 40, 0));
    assertEquals(20.0, apply(lead, high, T0 + HALF).score());
    assertEquals(10.0, apply(lead, high, T0 + 2 * HALF).score());
  }

  @Test
  void score_fitPoints_doNotDecay() {
    Lead lead = lead();
    Thresholds high = new Thresholds(1000, null, Set.of(), HALF, false);
    String fields = await(scores().fitSource(lead.id())).orElseThrow().fields();
    ScoreDelta withFit = new ScoreDelta(List.of(event("e-1", T0, "demo", 40, 0)),
        new ScoreDelta.FitUpdate(fields, Map.of("decision-maker", new FitPoints(20, "role CTO")), Map.of()), false);
    assertEquals(60.0, step(lead.id(), withFit, high, T0).score());
    ScoreResult later = apply(lead, high, T0 + HALF);
    assertEquals(40.0, later.score());
    assertEquals(20.0, later.fit());
  }

  @Test
  void score_crossingTheMqlThreshold_movesToMqlWithHistoryAndOutbox() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "webinar", 20, 0));
    ScoreResult crossed = apply(lead, MQL_50, T0 + 1000, event("e-2", T0 + 1000, "demo", 50, 0));
    assertEquals(Stage.MQL, crossed.stage());
    assertEquals(1, crossed.moves().size());
    assertEquals(Stage.LEAD, crossed.moves().get(0).from());
    StageEntry entry = stages(lead).get(stages(lead).size() - 1);
    assertEquals(Stage.MQL, entry.stage());
    assertEquals(Stage.LEAD, entry.from());
    assertEquals("scoring", entry.by());
    assertEquals(T0 + 1000, entry.at());
    assertTrue(entry.reason().startsWith("score 70 reached the MQL threshold 50"), entry.reason());
    assertTrue(entry.reason().contains("demo"), entry.reason());
    List<DomainEvent> changed = outbox(lead, "lead.stage_changed");
    assertEquals(1, changed.size());
    DomainEvent event = changed.get(0);
    assertEquals("lead", event.data().getString("from"));
    assertEquals("mql", event.data().getString("to"));
    assertEquals(70.0, event.data().getDouble("score"));
    assertEquals("mql", event.data().getString("stage"));
    assertEquals(lead.email(), event.data().getString("email"));
    assertEquals(crossed.seq(), event.seq());
    assertEquals("evt_" + lead.id() + "_" + event.seq(), event.id());
    assertEquals(Stage.MQL, await(stores().leads().lead(lead.id())).orElseThrow().stage());
  }

  @Test
  void score_moreEventsAboveTheThreshold_noSecondTransition() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "demo", 60, 0));
    apply(lead, MQL_50, T0, event("e-2", T0, "webinar", 20, 0));
    assertEquals(1, outbox(lead, "lead.stage_changed").size());
  }

  @Test
  void score_fiftyConcurrentEventsOverThreshold_oneMqlTransition() throws Exception {
    Lead lead = lead();
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(10);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<ScoreResult>> all = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        int n = i;
        Stores instance = i % 2 == 0 ? stores() : otherInstance();
        all.add(threads.submit(() -> {
          start.await();
          return await(new LeadScorer(instance.scores()).apply(lead.id(), new ScoreDelta(List.of(event("c-" + n,
              T0 + n, "pricing", 10, 0)), null, false), MQL_50, T0 + 100)).result();
        }));
      }
      start.countDown();
      long transitions = 0;
      for (java.util.concurrent.Future<ScoreResult> result : all) {
        transitions += result.get(20, TimeUnit.SECONDS).moves().size();
      }
      assertEquals(1, transitions);
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, outbox(lead, "lead.stage_changed").size());
    assertEquals(1, stages(lead).stream().filter(s -> s.stage() == Stage.MQL).count());
    assertEquals(500.0, apply(lead, new Thresholds(50, null, Set.of(), 0, false), T0 + 100).score());
  }

  @Test
  void score_mqlWithMinimumFit_waitsForTheFit() {
    Lead lead = lead();
    Thresholds needsFit = new Thresholds(50, 10, Set.of(), HALF, false);
    assertEquals(Stage.LEAD, apply(lead, needsFit, T0, event("e-1", T0, "demo", 60, 0)).stage());
    String fields = await(scores().fitSource(lead.id())).orElseThrow().fields();
    ScoreDelta fit = new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields,
        Map.of("cto", new FitPoints(10, "role CTO")), Map.of()), false);
    ScoreResult result = step(lead.id(), fit, needsFit, T0);
    assertEquals(Stage.MQL, result.stage());
    assertTrue(result.moves().get(0).reason().contains("with fit 10 (at least 10)"), result.moves().get(0).reason());
  }

  @Test
  void score_fitComputedFromOldFields_isRefusedAsStale() {
    Lead lead = lead();
    ScoreDelta stale = new ScoreDelta(List.of(), new ScoreDelta.FitUpdate("{\"role\":\"old\"}",
        Map.of("cto", new FitPoints(10, "role")), Map.of()), false);
    assertEquals(ScoreResult.Outcome.STALE_FIT, step(lead.id(), stale, MQL_50, T0).outcome());
  }

  @Test
  void score_newFit_replacesTheOldOne() {
    Lead lead = lead();
    String fields = await(scores().fitSource(lead.id())).orElseThrow().fields();
    step(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields,
        Map.of("a", new FitPoints(10, "x"), "b", new FitPoints(5, "y")), Map.of()), false), MQL_50, T0);
    ScoreResult result = step(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields,
        Map.of("student", new FitPoints(-50, "z")), Map.of()), false), MQL_50, T0);
    assertEquals(-50.0, result.fit());
    assertEquals(Map.of("student", new FitPoints(-50, "z")), await(scores().state(lead.id())).fit());
  }

  @Test
  void score_bantCompleteFromEventsAndFields_movesToSqlThroughMql() {
    Lead lead = lead();
    Thresholds bant = new Thresholds(50, null, Set.of(Criterion.values()), HALF, false);
    String fields = await(scores().fitSource(lead.id())).orElseThrow().fields();
    ScoreDelta fromFields = new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields, Map.of(),
        Map.of(Criterion.AUTHORITY, "role \"CTO\" has \"cto\"", Criterion.BUDGET, "budget \"50k+\" is listed")),
        false);
    assertEquals(Stage.LEAD, step(lead.id(), fromFields, bant, T0).stage());
    ScoredEvent timeline = new ScoredEvent("e-1", T0, day(T0), List.of(), Map.of(Criterion.TIMELINE,
        "event timeline_known"), "event timeline_known");
    assertEquals(Stage.LEAD, apply(lead, bant, T0, timeline).stage());
    ScoredEvent demo = new ScoredEvent("e-2", T0 + 1, day(T0), List.of(new Points("demo", 50, 0)),
        Map.of(Criterion.NEED, "form demo-request"), "form demo-request: demo +50");
    ScoreResult result = apply(lead, bant, T0 + 1, demo);
    assertEquals(Stage.SQL, result.stage());
    assertEquals(List.of(Stage.MQL, Stage.SQL), result.moves().stream().map(ScoreResult.Move::to).toList());
    assertEquals(2, outbox(lead, "lead.stage_changed").size());
    StageEntry sql = stages(lead).get(stages(lead).size() - 1);
    assertEquals("BANT known (budget: budget \"50k+\" is listed; authority: role \"CTO\" has \"cto\"; need: form "
        + "demo-request; timeline: event timeline_known)", sql.reason());
    assertEquals(Stage.MQL, sql.from());
  }

  @Test
  void score_bantFromFields_followsTheFieldsButEventsStay() {
    Lead lead = lead();
    Thresholds bant = new Thresholds(1000, null, Set.of(Criterion.NEED, Criterion.AUTHORITY), HALF, false);
    String fields = await(scores().fitSource(lead.id())).orElseThrow().fields();
    step(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields, Map.of(),
        Map.of(Criterion.AUTHORITY, "role")), false), bant, T0);
    step(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields, Map.of(),
        Map.of()), false), bant, T0);
    ScoredEvent need = new ScoredEvent("e-1", T0, day(T0), List.of(), Map.of(Criterion.NEED, "form demo"), "form demo");
    assertEquals(Stage.LEAD, apply(lead, bant, T0, need).stage());
    assertEquals(Map.of(Criterion.NEED, "form demo"), await(scores().state(lead.id())).bantEvents());
    assertTrue(await(scores().state(lead.id())).bantFields().isEmpty());
  }

  @Test
  void score_disqualifiedLead_isNeverMovedByScoring() {
    Lead lead = lead();
    await(stores().leads().setStage(lead.id(), Stage.DISQUALIFIED, "student", "sales", T0));
    ScoreResult result = apply(lead, MQL_50, T0, event("e-1", T0, "demo", 100, 0));
    assertEquals(Stage.DISQUALIFIED, result.stage());
    assertTrue(result.moves().isEmpty());
    assertEquals(100.0, result.score());
  }

  @Test
  void score_leadAlreadyPastMql_staysWhereItIs() {
    Lead lead = lead();
    await(stores().leads().setStage(lead.id(), Stage.CUSTOMER, "won", "sales", T0));
    assertEquals(Stage.CUSTOMER, apply(lead, MQL_50, T0, event("e-1", T0, "demo", 100, 0)).stage());
    assertTrue(outbox(lead, "lead.stage_changed").stream().noneMatch(e -> "mql".equals(e.data().getString("to"))));
  }

  @Test
  void score_belowThresholdAfterDecay_neverMovesBack() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "demo", 60, 0));
    ScoreResult later = apply(lead, MQL_50, T0 + 3 * HALF, event("e-2", T0 + 3 * HALF, "blog", 1, 0));
    assertEquals(8.5, later.score());
    assertEquals(Stage.MQL, later.stage());
  }

  @Test
  void score_readOnly_writesNothing() {
    Lead lead = lead();
    ScoreResult read = step(lead.id(), new ScoreDelta(List.of(event("e-1", T0, "demo", 60, 0)), null,
        true), MQL_50, T0);
    assertEquals(0.0, read.score());
    assertEquals(0, read.fresh());
    assertEquals(Stage.LEAD, read.stage());
    assertEquals(60.0, apply(lead, MQL_50, T0, event("e-1", T0, "demo", 60, 0)).score());
  }

  @Test
  void score_notifyOnScore_writesLeadUpdatedWithTheScore() {
    Lead lead = lead();
    Thresholds notify = new Thresholds(50, null, Set.of(), HALF, true);
    apply(lead, notify, T0, event("e-1", T0, "pricing", 10, 0));
    apply(lead, notify, T0, event("e-1", T0, "pricing", 10, 0));
    List<DomainEvent> updated = outbox(lead, "lead.updated");
    assertEquals(1, updated.size());
    assertEquals(10.0, updated.get(0).data().getDouble("score"));
    assertEquals(2, updated.get(0).seq());
  }

  @Test
  void score_withoutNotifyOnScore_writesOnlyStageChanges() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    assertTrue(outbox(lead, "lead.updated").isEmpty());
  }

  @Test
  void score_unknownLead_isReported() {
    assertEquals(ScoreResult.Outcome.NO_LEAD, step("ld_aaaaaaaaaaaaaaaaaaaa", new ScoreDelta(
        List.of(event("e-1", T0, "demo", 60, 0)), null, false), MQL_50, T0).outcome());
  }

  @Test
  void score_eventsOlderThanTheForgottenIds_areNotScoredAgain() {
    Lead lead = lead();
    Thresholds never = new Thresholds(1_000_000, null, Set.of(), 0, false);
    List<ScoredEvent> many = new ArrayList<>();
    for (int i = 0; i < ScoreStore.KEPT_EVENT_IDS + 10; i++) {
      many.add(event("e-" + i, T0 + i, "pricing", 1, 0));
    }
    ScoreResult first = step(lead.id(), new ScoreDelta(many, null, false), never, T0 + 1000);
    assertEquals(ScoreStore.KEPT_EVENT_IDS + 10, first.fresh());
    ScoreResult replay = step(lead.id(), new ScoreDelta(many, null, false), never, T0 + 1000);
    assertEquals(0, replay.fresh());
    assertEquals(first.score(), replay.score());
  }

  @Test
  void score_versionGrowsWithEveryChange() {
    Lead lead = lead();
    ScoreResult a = apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    ScoreResult b = apply(lead, MQL_50, T0, event("e-2", T0, "pricing", 10, 0));
    ScoreResult same = apply(lead, MQL_50, T0, event("e-2", T0, "pricing", 10, 0));
    assertTrue(b.version() > a.version());
    assertEquals(b.version(), same.version());
    await(stores().leads().setStage(lead.id(), Stage.SQL, "accepted", "sales", T0));
    assertTrue(apply(lead, MQL_50, T0).version() > b.version());
  }

  @Test
  void score_indexOutOfDate_onlyWhenScoreStageOrActivityMinuteChanged() {
    Lead lead = lead();
    assertTrue(apply(lead, MQL_50, T0, event("e-1", T0, null, 0, 0)).reindex(), "first activity");
    assertTrue(!apply(lead, MQL_50, T0, event("e-2", T0 + 1000, null, 0, 0)).reindex(), "same minute, no points");
    assertTrue(apply(lead, MQL_50, T0, event("e-3", T0 + 2000, "pricing", 10, 0)).reindex(), "score changed");
    assertTrue(apply(lead, MQL_50, T0, event("e-4", T0 + 61_000, null, 0, 0)).reindex(), "another minute");
  }

  // ---- a person's decision sticks ------------------------------------------------------------------------------

  static final Thresholds NO_DECAY = new Thresholds(50, null, Set.of(), 0, false);

  Lead mqlAt60() {
    Lead lead = lead();
    assertEquals(Stage.MQL, apply(lead, NO_DECAY, T0, event("e-0", T0, "demo", 60, 0)).stage());
    return lead;
  }

  ScoreResult sendBack(Lead lead, Stage to, String reason, long at) {
    return await(scorer().setStage(lead.id(), to, reason, "api:crm", NO_DECAY, at)).result();
  }

  long movesTo(Lead lead, String stage) {
    return outbox(lead, "lead.stage_changed").stream().filter(e -> stage.equals(e.data().getString("to"))).count();
  }

  // Cause: scoring checked the threshold on every event and knew nothing of the person's decision.
  @Test
  void aLeadSentBackBySalesIsNotRequalifiedByAZeroPointPageView() {
    Lead lead = mqlAt60();
    sendBack(lead, Stage.LEAD, "nurture", T0 + 1000);
    ScoreResult after = apply(lead, NO_DECAY, T0 + 2000, event("e-1", T0 + 2000, null, 0, 0));
    assertEquals(Stage.LEAD, after.stage());
    assertTrue(after.moves().isEmpty());
    assertEquals(1, movesTo(lead, "mql"));
    assertEquals(Stage.LEAD, await(stores().leads().lead(lead.id())).orElseThrow().stage());
  }

  @Test
  void setStage_sentBack_writesHistoryAndOutboxWithTheScoreAndHoldsTheLead() {
    Lead lead = mqlAt60();
    ScoreResult back = sendBack(lead, Stage.LEAD, "nurture", T0 + 1000);
    assertEquals(Stage.LEAD, back.stage());
    StageEntry entry = stages(lead).get(stages(lead).size() - 1);
    assertEquals(new StageEntry(Stage.LEAD, Stage.MQL, T0 + 1000, "nurture", "api:crm"), entry);
    DomainEvent changed = outbox(lead, "lead.stage_changed").get(1);
    assertEquals("lead", changed.data().getString("to"));
    assertEquals(60.0, changed.data().getDouble("score"));
    assertEquals(back.seq(), changed.seq());
    Hold hold = await(scores().state(lead.id())).hold();
    assertEquals(new Hold(Stage.LEAD, Stage.MQL, T0 + 1000, "api:crm", "nurture", 0), hold);
  }

  @Test
  void aLeadSentBackBySales_requalifiesOnceThePointsEarnedSinceReachRequalifyPoints() {
    Thresholds requalifyAt30 = new Thresholds(50, null, Set.of(), 0, false, 30);
    Lead lead = mqlAt60();
    sendBack(lead, Stage.LEAD, "nurture", T0 + 1000);
    assertEquals(Stage.LEAD, apply(lead, requalifyAt30, T0 + 2000, event("e-1", T0 + 2000, "pricing", 20, 0)).stage());
    assertEquals(20, await(scores().state(lead.id())).hold().points());
    ScoreResult requalified = apply(lead, requalifyAt30, T0 + 3000, event("e-2", T0 + 3000, "webinar", 10, 0));
    assertEquals(Stage.MQL, requalified.stage());
    assertEquals(1, requalified.moves().size());
    assertTrue(requalified.moves().get(0).reason().endsWith("; recycled to lead by api:crm on 2025-11-24, 30 of 30 new "
        + "points"), requalified.moves().get(0).reason());
    assertTrue(apply(lead, requalifyAt30, T0 + 4000, event("e-3", T0 + 4000, "webinar", 10, 0)).moves().isEmpty());
    assertEquals(2, movesTo(lead, "mql"));
    assertEquals(null, await(scores().state(lead.id())).hold());
  }

  @Test
  void aLeadSentBackBySales_pointsOfEventsFromBeforeTheDecisionDoNotRequalifyIt() {
    Lead lead = mqlAt60();
    sendBack(lead, Stage.LEAD, "nurture", T0 + 1000);
    ScoreResult late = apply(lead, NO_DECAY, T0 + 2000, event("e-1", T0 + 500, "demo", 100, 0));
    assertEquals(160.0, late.score());
    assertEquals(Stage.LEAD, late.stage());
    assertEquals(0, await(scores().state(lead.id())).hold().points());
  }

  @Test
  void aLeadDisqualifiedBySales_staysDisqualifiedWhateverItEarnsAfterwards() {
    Lead lead = mqlAt60();
    sendBack(lead, Stage.DISQUALIFIED, "competitor", T0 + 1000);
    ScoreResult after = apply(lead, NO_DECAY, T0 + 2000, event("e-1", T0 + 2000, "demo", 500, 0));
    assertEquals(Stage.DISQUALIFIED, after.stage());
    assertTrue(after.moves().isEmpty());
    assertEquals(1, outbox(lead, "lead.disqualified").size());
    assertEquals("competitor", await(stores().leads().lead(lead.id())).orElseThrow().disqualifiedReason());
  }

  @Test
  void aLeadMovedForwardBySales_liftsTheHold() {
    Lead lead = mqlAt60();
    sendBack(lead, Stage.LEAD, "nurture", T0 + 1000);
    sendBack(lead, Stage.SQL, "accepted after all", T0 + 2000);
    assertEquals(null, await(scores().state(lead.id())).hold());
  }

  @Test
  void twentyConcurrentEventsAndASalesDecision_endInOneStateWithOneOutboxEntryPerTransition() throws Exception {
    Lead lead = mqlAt60();
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
    try {
      for (int i = 0; i < 21; i++) {
        int n = i;
        LeadScorer scorer = new LeadScorer((i % 2 == 0 ? stores() : otherInstance()).scores());
        all.add(threads.submit(() -> {
          start.await();
          // 20 events of 2 points after the decision: 40 new points, short of the 50 that requalify
          return n == 10 ? await(scorer.setStage(lead.id(), Stage.LEAD, "nurture", "api:crm", NO_DECAY, T0 + 1000))
              : await(scorer.apply(lead.id(), new ScoreDelta(List.of(event("c-" + n, T0 + 2000 + n, "video", 2, 0)),
                  null, false), NO_DECAY, T0 + 3000));
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> result : all) {
        result.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    ScoreResult now = apply(lead, NO_DECAY, T0 + 3000);
    assertEquals(100.0, now.score(), "every event counted once");
    assertEquals(Stage.LEAD, now.stage());
    assertEquals(List.of(Stage.LEAD, Stage.MQL, Stage.LEAD), stages(lead).stream().map(StageEntry::stage).toList());
    List<DomainEvent> changes = outbox(lead, "lead.stage_changed");
    assertEquals(List.of("mql", "lead"), changes.stream().map(e -> e.data().getString("to")).toList());
    List<DomainEvent> every = Outboxes.of(stores(), lead.id());
    assertEquals(every.size(), every.stream().map(DomainEvent::seq).distinct().count(), "one outbox entry per seq");
    assertEquals(now.seq(), every.get(every.size() - 1).seq());
  }

  @Test
  void write_decidedFromAnOlderRead_isRefusedAndWritesNothing() {
    Lead lead = lead();
    ScoreSnapshot read = await(scores().read(lead.id(), List.of("e-1", "e-2")));
    ScoreStep.Decision first = ScoreStep.score(read, new ScoreDelta(List.of(event("e-1", T0, "pricing", 10, 0)), null,
        false), MQL_50, T0);
    ScoreStep.Decision second = ScoreStep.score(read, new ScoreDelta(List.of(event("e-2", T0, "demo", 60, 0)), null,
        false), MQL_50, T0);
    assertTrue(await(scores().write(first.change())));
    assertFalse(await(scores().write(second.change())));
    ScoreResult now = apply(lead, MQL_50, T0);
    assertEquals(10.0, now.score());
    assertEquals(Stage.LEAD, now.stage());
    assertTrue(outbox(lead, "lead.stage_changed").isEmpty());
  }

  @Test
  void write_afterAnotherChangeOfTheLead_isRefused() {
    Lead lead = lead();
    ScoreSnapshot read = await(scores().read(lead.id(), List.of("e-1")));
    await(stores().leads().setStage(lead.id(), Stage.SQL, "accepted", "sales", T0));
    ScoreStep.Decision stale = ScoreStep.score(read, new ScoreDelta(List.of(event("e-1", T0, "demo", 60, 0)), null,
        false), MQL_50, T0);
    assertFalse(await(scores().write(stale.change())));
    assertEquals(Stage.SQL, await(stores().leads().lead(lead.id())).orElseThrow().stage());
  }

  /** The store, with another writer that changes the lead between every read and the write that follows it. */
  ScoreStore contended(Lead lead) {
    ScoreStore store = scores();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    return new ScoreStore() {
      @Override
      public Future<ScoreSnapshot> read(String leadId, java.util.Collection<String> eventIds) {
        Stage other = reads.incrementAndGet() % 2 == 0 ? Stage.SQL : Stage.OPPORTUNITY;
        return store.read(leadId, eventIds)
            .compose(read -> stores().leads().setStage(lead.id(), other, "sales", "sales", T0).map(read));
      }

      @Override
      public Future<Boolean> write(io.leadgate.scoring.ScoreChange change) {
        return store.write(change);
      }

      @Override
      public Future<java.util.Optional<FitSource>> fitSource(String leadId) {
        return store.fitSource(leadId);
      }

      @Override
      public Future<io.leadgate.scoring.ScoreState> state(String leadId) {
        return store.state(leadId);
      }

      @Override
      public Future<Boolean> ceilingsIndexed(String site) {
        return store.ceilingsIndexed(site);
      }

      @Override
      public Future<Void> markCeilingsIndexed(String site) {
        return store.markCeilingsIndexed(site);
      }

      @Override
      public Future<Void> index(String site, IndexEntry entry) {
        return store.index(site, entry);
      }

      @Override
      public Future<Void> erase(String leadId) {
        return store.erase(leadId);
      }

      @Override
      public Future<Void> unindex(String site, String leadId) {
        return store.unindex(site, leadId);
      }

      @Override
      public Future<List<IndexHit>> range(String site, Stage stage, LeadOrder order, Double max, int offset,
                                          int count) {
        return store.range(site, stage, order, max, offset, count);
      }
    };
  }

  @Test
  void apply_leadChangedByAnotherWriterAfterEveryRead_givesUpAfterBoundedRoundsAsStoreUnavailable() {
    Lead lead = lead();
    Future<ScoreStep.Decision> step = new LeadScorer(contended(lead)).apply(lead.id(), new ScoreDelta(List.of(
        event("e-1", T0, "pricing", 10, 0)), null, false), MQL_50, T0);
    Exception failed = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> step.await(60, TimeUnit.SECONDS));
    assertTrue(failed instanceof io.leadgate.core.StoreUnavailable, failed.toString());
    assertEquals(0.0, apply(lead, MQL_50, T0).score(), "nothing written");
    assertEquals(1, apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0)).fresh(), "the retry scores it");
  }

  // ---- repeats (a download of the same file) ---------------------------------------------------------------------

  static ScoredEvent download(String id, long at, String file) {
    return new ScoredEvent(id, at, day(at), List.of(new Points("case-study", 15, 0)), Map.of(), "download " + file,
        new ScoredEvent.Repeat("download " + file, DAY));
  }

  @Test
  void repeatedDownloadOfOneFile_scoresOncePerWindowButCountsAsActivity() {
    Lead lead = lead();
    apply(lead, NO_DECAY, T0, download("d-1", T0, "https://cdn.acme.com/a.pdf"));
    ScoreResult again = apply(lead, NO_DECAY, T0 + 3_600_000, download("d-2", T0 + 3_600_000, "https://cdn.acme.com/a.pdf"));
    assertEquals(15.0, again.score());
    assertEquals(1, again.fresh());
    assertEquals(T0 + 3_600_000, again.activity());
    ScoreResult nextDay = apply(lead, NO_DECAY, T0 + DAY, download("d-3", T0 + DAY, "https://cdn.acme.com/a.pdf"));
    assertEquals(30.0, nextDay.score());
  }

  @Test
  void downloadsOfDifferentFiles_eachScore() {
    Lead lead = lead();
    ScoreResult both = apply(lead, NO_DECAY, T0, download("d-1", T0, "https://cdn.acme.com/a.pdf"),
        download("d-2", T0 + 1, "https://cdn.acme.com/b.pdf"));
    assertEquals(30.0, both.score());
  }

  @Test
  void repeatedDownload_inOneStep_scoresOnce() {
    Lead lead = lead();
    ScoreResult both = apply(lead, NO_DECAY, T0, download("d-1", T0, "https://cdn.acme.com/a.pdf"),
        download("d-2", T0 + 1, "https://cdn.acme.com/a.pdf"));
    assertEquals(15.0, both.score());
    assertEquals(2, both.fresh());
  }

  @Test
  void state_explainsEachRule() {
    Lead lead = lead();
    Thresholds t = new Thresholds(1000, null, Set.of(), HALF, false);
    apply(lead, t, T0, event("e-1", T0, "pricing", 10, 0), event("e-2", T0 + DAY, "pricing", 10, 0),
        event("e-3", T0, "careers", -10, 0));
    ScoreExplanation explained = ScoreExplanation.of(await(scores().state(lead.id())), T0 + 31 * DAY, t);
    ScoreExplanation.RuleLine pricing = explained.rules().stream().filter(r -> r.rule().equals("pricing")).findFirst()
        .orElseThrow();
    assertEquals(2, pricing.events());
    assertEquals(20, pricing.points());
    assertEquals(T0, pricing.first());
    assertEquals(T0 + DAY, pricing.last());
    assertEquals(Decay.round(10 * Math.pow(2, -31.0 / 30) + 10 * Math.pow(2, -1.0)), pricing.value());
    assertEquals(3, explained.recent().size());
    assertEquals(Decay.round(pricing.value() - 10 * Math.pow(2, -31.0 / 30)), explained.score(), 0.011);
  }

  @Test
  void index_newerVersionWins_staleUpdateIgnored() {
    await(scores().index(SITE, new IndexEntry("ld_a", 5, Stage.MQL, 60, T0)));
    await(scores().index(SITE, new IndexEntry("ld_a", 4, Stage.LEAD, 10, T0 - 1)));
    assertEquals(List.of(new IndexHit("ld_a", 60)), await(scores().page(SITE, Stage.MQL, LeadOrder.SCORE, null, 10)));
    assertTrue(await(scores().page(SITE, Stage.LEAD, LeadOrder.SCORE, null, 10)).isEmpty());
    await(scores().index(SITE, new IndexEntry("ld_a", 6, Stage.SQL, 70, T0 + 1)));
    assertTrue(await(scores().page(SITE, Stage.MQL, LeadOrder.SCORE, null, 10)).isEmpty());
    assertEquals(List.of(new IndexHit("ld_a", T0 + 1)), await(scores().page(SITE, Stage.SQL, LeadOrder.RECENT, null,
        10)));
    assertEquals(List.of(new IndexHit("ld_a", 70)), await(scores().page(SITE, null, LeadOrder.SCORE, null, 10)));
  }

  @Test
  void page_keysetWithTies_visitsEveryLeadOnce() {
    for (int i = 0; i < 25; i++) {
      await(scores().index(SITE, new IndexEntry(String.format("ld_%02d", i), 1, Stage.LEAD, i % 3 == 0 ? 10 : i, T0)));
    }
    List<String> seen = new ArrayList<>();
    IndexHit after = null;
    for (int pages = 0; pages < 20; pages++) {
      List<IndexHit> page = await(scores().page(SITE, null, LeadOrder.SCORE, after, 4));
      page.forEach(h -> seen.add(h.leadId()));
      if (page.size() < 4) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    assertEquals(25, seen.size());
    assertEquals(25, Set.copyOf(seen).size());
    assertEquals("ld_23", seen.get(0));
    List<IndexHit> all = await(scores().page(SITE, null, LeadOrder.SCORE, null, 100));
    for (int i = 1; i < all.size(); i++) {
      IndexHit a = all.get(i - 1);
      IndexHit b = all.get(i);
      assertTrue(a.value() > b.value() || (a.value() == b.value() && a.leadId().compareTo(b.leadId()) > 0), a + " " + b);
    }
  }

  @Test
  void page_otherSite_isSeparate() {
    await(scores().index(SITE, new IndexEntry("ld_a", 1, Stage.LEAD, 1, T0)));
    assertTrue(await(scores().page("other", null, LeadOrder.SCORE, null, 10)).isEmpty());
    assertNotNull(await(scores().page(SITE, null, LeadOrder.RECENT, null, 10)).get(0));
  }
}
