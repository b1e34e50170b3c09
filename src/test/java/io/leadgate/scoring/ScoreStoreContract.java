package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ScoreStore} promises, on the in-memory store and on a real Redis: each event scored once, caps
 * per rule and day, decay as {@link Decay} computes it, thresholds crossed once (also under concurrency), stage
 * history and outbox entries with the change, and indexes that ignore stale updates.
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
    return await(scores().apply(lead.id(), new ScoreDelta(List.of(events), null, false), t, now));
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
    assertEquals(60.0, await(scores().apply(lead.id(), withFit, high, T0)).score());
    ScoreResult later = apply(lead, high, T0 + HALF);
    assertEquals(40.0, later.score());
    assertEquals(20.0, later.fit());
  }

  @Test
  void score_randomEventsOutOfOrder_storeAndJavaDecayAgree() {
    Lead lead = lead();
    Thresholds never = new Thresholds(1_000_000, null, Set.of(), HALF, false);
    Random random = new Random(7);
    List<ScoredEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long at = T0 + (long) (random.nextDouble() * 120 * DAY);
      events.add(event("e-" + i, at, "rule-" + random.nextInt(4), random.nextInt(61) - 20, 0));
    }
    for (ScoredEvent e : events) {
      apply(lead, never, T0, e);
    }
    for (long now : new long[] {T0 + 121 * DAY, T0 + 200 * DAY, T0 + 400 * DAY}) {
      double expected = 0;
      for (ScoredEvent e : events) {
        expected += Decay.at(e.points().get(0).points(), e.at(), now, HALF);
      }
      ScoreResult stored = apply(lead, never, now);
      ScoreExplanation explained = ScoreExplanation.of(await(scores().state(lead.id())), now, HALF);
      assertEquals(Decay.round(expected), stored.score(), 0.011, "at " + now);
      assertEquals(stored.score(), explained.score(), "the store and the explanation agree at " + now);
    }
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
          return await(instance.scores().apply(lead.id(), new ScoreDelta(List.of(event("c-" + n, T0 + n, "pricing",
              10, 0)), null, false), MQL_50, T0 + 100));
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
    ScoreResult result = await(scores().apply(lead.id(), fit, needsFit, T0));
    assertEquals(Stage.MQL, result.stage());
    assertTrue(result.moves().get(0).reason().contains("with fit 10 (at least 10)"), result.moves().get(0).reason());
  }

  @Test
  void score_fitComputedFromOldFields_isRefusedAsStale() {
    Lead lead = lead();
    ScoreDelta stale = new ScoreDelta(List.of(), new ScoreDelta.FitUpdate("{\"role\":\"old\"}",
        Map.of("cto", new FitPoints(10, "role")), Map.of()), false);
    assertEquals(ScoreResult.Outcome.STALE_FIT, await(scores().apply(lead.id(), stale, MQL_50, T0)).outcome());
  }

  @Test
  void score_newFit_replacesTheOldOne() {
    Lead lead = lead();
    String fields = await(scores().fitSource(lead.id())).orElseThrow().fields();
    await(scores().apply(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields,
        Map.of("a", new FitPoints(10, "x"), "b", new FitPoints(5, "y")), Map.of()), false), MQL_50, T0));
    ScoreResult result = await(scores().apply(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields,
        Map.of("student", new FitPoints(-50, "z")), Map.of()), false), MQL_50, T0));
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
    assertEquals(Stage.LEAD, await(scores().apply(lead.id(), fromFields, bant, T0)).stage());
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
    await(scores().apply(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields, Map.of(),
        Map.of(Criterion.AUTHORITY, "role")), false), bant, T0));
    await(scores().apply(lead.id(), new ScoreDelta(List.of(), new ScoreDelta.FitUpdate(fields, Map.of(),
        Map.of()), false), bant, T0));
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
    ScoreResult read = await(scores().apply(lead.id(), new ScoreDelta(List.of(event("e-1", T0, "demo", 60, 0)), null,
        true), MQL_50, T0));
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
    assertEquals(ScoreResult.Outcome.NO_LEAD, await(scores().apply("ld_aaaaaaaaaaaaaaaaaaaa", new ScoreDelta(
        List.of(event("e-1", T0, "demo", 60, 0)), null, false), MQL_50, T0)).outcome());
  }

  @Test
  void score_eventsOlderThanTheForgottenIds_areNotScoredAgain() {
    Lead lead = lead();
    Thresholds never = new Thresholds(1_000_000, null, Set.of(), 0, false);
    List<ScoredEvent> many = new ArrayList<>();
    for (int i = 0; i < ScoreStore.KEPT_EVENT_IDS + 10; i++) {
      many.add(event("e-" + i, T0 + i, "pricing", 1, 0));
    }
    ScoreResult first = await(scores().apply(lead.id(), new ScoreDelta(many, null, false), never, T0 + 1000));
    assertEquals(ScoreStore.KEPT_EVENT_IDS + 10, first.fresh());
    ScoreResult replay = await(scores().apply(lead.id(), new ScoreDelta(many, null, false), never, T0 + 1000));
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

  @Test
  void state_explainsEachRule() {
    Lead lead = lead();
    Thresholds t = new Thresholds(1000, null, Set.of(), HALF, false);
    apply(lead, t, T0, event("e-1", T0, "pricing", 10, 0), event("e-2", T0 + DAY, "pricing", 10, 0),
        event("e-3", T0, "careers", -10, 0));
    ScoreExplanation explained = ScoreExplanation.of(await(scores().state(lead.id())), T0 + 31 * DAY, HALF);
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
