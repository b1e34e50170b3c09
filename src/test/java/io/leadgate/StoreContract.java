package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.collect.EventLog;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.collect.Projection;
import io.leadgate.collect.EventLog.LoggedEvent;
import io.leadgate.stats.DailyStats;
import io.leadgate.stats.DailyTotals;
import io.leadgate.stats.StatsStore.DailyCount;
import io.leadgate.identity.VisitorStore.Recorded;
import io.leadgate.identity.VisitorStore.Recording;
import io.leadgate.identity.VisitorStore.Retention;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every store adapter promises; runs against the in-memory store and a real Redis. */
abstract class StoreContract {
  static final Retention RETENTION = new Retention(3600, 3, Projection.SESSION_GAP_MS);
  static final long T0 = 1_700_000_000_000L;

  abstract Stores stores();

  /** Lets time pass for the store: the real clock for Redis, the test clock for the in-memory store. */
  void passTime(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Event event(String id, String visitor, EventType type, String url, long at) {
    return new Event(id, "acme", visitor, null, type, url, null, null, null, Map.of(), Map.of(), null, Map.of(), 0, at,
        null);
  }

  Recorded record(Event event) {
    return record(List.of(event)).get(0);
  }

  List<Recorded> record(List<Event> events) {
    return await(stores().visitors().record(events.stream()
        .map(event -> new Recording(event, Projection.visitorRecord(event), RETENTION)).toList()));
  }

  @Test
  void record_sameEventIdTwice_writesOnce() {
    Event event = event("evt-00000001", "visitor-a", EventType.PAGEVIEW, "https://acme.com/", T0);
    assertTrue(record(event).fresh());
    assertFalse(record(event).fresh());
    assertEquals(1, await(stores().visitors().visitor("acme", "visitor-a")).orElseThrow().counts().getLong("pageviews"));
  }

  @Test
  void record_afterThirtyMinutesOfSilence_startsASession() {
    assertTrue(record(event("evt-00000001", "visitor-b", EventType.PAGEVIEW, "https://acme.com/", T0)).newSession());
    assertFalse(record(event("evt-00000002", "visitor-b", EventType.PAGEVIEW, "https://acme.com/a", T0 + 29 * 60_000))
        .newSession());
    assertTrue(record(event("evt-00000003", "visitor-b", EventType.PAGEVIEW, "https://acme.com/b", T0 + 60 * 60_000))
        .newSession());
    assertEquals(2, await(stores().visitors().visitor("acme", "visitor-b")).orElseThrow().sessions());
  }

  @Test
  void timeline_isCappedToTheNewestEntries() {
    for (int i = 1; i <= 5; i++) {
      record(event("evt-0000000" + i, "visitor-c", EventType.PAGEVIEW, "https://acme.com/" + i, T0 + i));
    }
    List<String> urls = await(stores().visitors().timeline("acme", "visitor-c", 10)).stream()
        .map(e -> e.getString("url")).toList();
    assertEquals(List.of("https://acme.com/5", "https://acme.com/4", "https://acme.com/3"), urls);
  }

  List<Recorded> record(List<Event> events, Retention retention) {
    return await(stores().visitors().record(events.stream()
        .map(event -> new Recording(event, Projection.visitorRecord(event), retention)).toList()));
  }

  static Event view(String id, String url, String page, String title, String name, Map<String, String> utm,
      Map<String, Object> props, long at) {
    return new Event(id, "acme", "visitor-rt", null, name == null ? EventType.PAGEVIEW : EventType.CUSTOM, url, page,
        title, "https://news.example/", utm, Map.of(), name, props, 0, at, "203.0.113.0");
  }

  @Test
  void timeline_readsBackEveryEntryAsTheProjectionWroteIt_sharedValuesAndOddTextIncluded() {
    Map<String, String> utm = Map.of("source", "newsletter", "medium", "email");
    Map<String, Object> props = Map.of("plan", "pro", "seats", 12L, "trial", true, "ratio", 0.5);
    List<Event> first = List.of(view("evt-rt01", "https://acme.com/a?x=1", null, "A", null, utm, props, T0),
        view("evt-rt02", "https://acme.com", "https://acme.com/#/b", "", null, Map.of(), props, T0),
        view("evt-rt03", "https://acme.com/a?x=1", null, "A", null, utm, Map.of(), T0 + 1));
    List<Event> second = List.of(view("evt-rt04", "https://other.example/a?x=1", null, "tab\tand\u001f", "signup",
            Map.of(), props, T0 + 2), view("0123456789abcdef0123456789abcdef", "https://acme.com/a?x=1", null, "A", null, utm, props, T0 + 2),
        view("evt-rt06", "https://acme.com/c", null, null, null, Map.of(), Map.of(), T0 + 3));
    Retention retention = new Retention(3600, 50, Projection.SESSION_GAP_MS);
    record(first, retention);
    record(second, retention);
    List<Object> expected = new java.util.ArrayList<>();
    for (Event event : List.of(second.get(2), second.get(1), second.get(0), first.get(2), first.get(1), first.get(0))) {
      expected.add(new io.vertx.core.json.JsonObject(Projection.timelineEntry(event)));
    }
    assertEquals(expected, List.copyOf(await(stores().visitors().timeline("acme", "visitor-rt", 50))));
    assertEquals(expected.subList(0, 2), List.copyOf(await(stores().visitors().timeline("acme", "visitor-rt", 2))));
    assertEquals(List.of(false, false), record(List.of(second.get(1), first.get(0)), retention).stream()
        .map(Recorded::fresh).toList(), "replays, a snippet's id among them");
  }

  @Test
  void visitor_touchesAndLandingReadBackAsRecorded() {
    Event landing = view("evt-tc01", "https://acme.com/a?utm_source=newsletter", null, "A", null,
        Map.of("source", "newsletter"), Map.of(), T0);
    Event page = view("evt-tc02", "https://acme.com/app", "https://acme.com/app#/b", "B", null,
        Map.of("source", "ads", "campaign", "x"), Map.of(), T0 + 60_000);
    record(List.of(landing));
    var visitor = await(stores().visitors().visitor("acme", "visitor-rt")).orElseThrow();
    var touch = new io.vertx.core.json.JsonObject(Projection.visitorRecord(landing).touchJson());
    assertEquals(List.of(touch, touch, landing.url()), List.of(visitor.firstTouch(), visitor.lastTouch(),
        visitor.landingPage()));
    record(List.of(page));
    visitor = await(stores().visitors().visitor("acme", "visitor-rt")).orElseThrow();
    assertEquals(List.of(touch, new io.vertx.core.json.JsonObject(Projection.visitorRecord(page).touchJson())),
        List.of(visitor.firstTouch(), visitor.lastTouch()));
    assertEquals("203.0.113.0", visitor.ip());
  }

  @Test
  void recentEventIds_aReplayOfTheNewest200IsADuplicate_pastTheTimelineCapToo() {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 210; i++) {
      events.add(event("evt-s" + (1000 + i), "visitor-s", EventType.PAGEVIEW, "https://acme.com/", T0 + i));
    }
    record(events.subList(0, 100));
    record(events.subList(100, 210));
    assertFalse(record(events.get(10)).fresh(), "the 200th newest id");
    assertTrue(record(events.get(9)).fresh(), "the 201st newest id");
    assertEquals(3, await(stores().visitors().timeline("acme", "visitor-s", 500)).size());
  }

  @Test
  void anonymousVisitor_hasNoLead() {
    assertNull(record(event("evt-00000001", "visitor-d", EventType.DOWNLOAD, "https://acme.com/a.pdf", T0)).leadId());
    assertEquals(1, await(stores().visitors().visitor("acme", "visitor-d")).orElseThrow().counts().getLong("downloads"));
  }

  @Test
  void unknownVisitor_isEmpty() {
    assertTrue(await(stores().visitors().visitor("acme", "nobody")).isEmpty());
    assertTrue(await(stores().visitors().timeline("acme", "nobody", 5)).isEmpty());
  }

  @Test
  void uniqueVisitors_overSeveralDays_countsEachVisitorOnce() {
    LocalDate day = LocalDate.of(2026, 11, 24);
    StatsStore stats = stores().stats();
    await(stats.count("acme", day, DailyTotals.of(new DailyCount("pageview", "v1", "/a", null, null),
        new DailyCount("pageview", "v2", "/a", null, null)), 3600));
    await(stats.count("acme", day.plusDays(1), DailyTotals.of(new DailyCount("pageview", "v1", "/a", null, null),
        new DailyCount("pageview", "v3", "/a", null, null)), 3600));
    await(stats.count("other", day, DailyTotals.of(new DailyCount("pageview", "v9", "/a", null, null)), 3600));
    assertEquals(3L, await(stats.uniqueVisitors("acme", List.of(day, day.plusDays(1), day.plusDays(2)))));
    assertEquals(2L, await(stats.uniqueVisitors("acme", List.of(day))));
    assertEquals(0L, await(stats.uniqueVisitors("acme", List.of())));
  }

  @Test
  void daily_countsAreKeptPerSiteAndDay() {
    LocalDate day = LocalDate.of(2026, 11, 24);
    StatsStore stats = stores().stats();
    await(stats.count("acme", day, DailyTotals.of(new DailyCount("pageview", "v1", "/a", null, "direct"),
        new DailyCount("pageview", "v2", "/a", null, null)), 3600));
    await(stats.count("acme", day, DailyTotals.of(new DailyCount("download", "v2", null, "https://acme.com/x.pdf", null)),
        3600));
    await(stats.count("other", day, DailyTotals.of(new DailyCount("pageview", "v9", "/a", null, null)), 3600));
    DailyStats acme = await(stats.daily("acme", day));
    assertEquals(2, acme.uniqueVisitors());
    assertEquals(Map.of("/a", 2L), acme.pageviews());
    assertEquals(Map.of("pageview", 2L, "download", 1L), acme.events());
    assertEquals(Map.of("https://acme.com/x.pdf", 1L), acme.downloads());
    assertEquals(Map.of("direct", 1L), acme.sources());
    assertEquals(0, await(stats.daily("acme", day.plusDays(1))).uniqueVisitors());
  }

  @Test
  void recordBatch_eventsOfOneVisitor_areAppliedInTheOrderGiven() {
    List<Recorded> recorded = record(List.of(
        event("evt-00000001", "visitor-g", EventType.PAGEVIEW, "https://acme.com/", T0),
        event("evt-00000002", "visitor-g", EventType.PAGEVIEW, "https://acme.com/a", T0 + 29 * 60_000),
        event("evt-00000003", "visitor-g", EventType.DOWNLOAD, "https://acme.com/x.pdf", T0 + 60 * 60_000)));
    assertEquals(List.of(true, false, true), recorded.stream().map(Recorded::newSession).toList());
    var visitor = await(stores().visitors().visitor("acme", "visitor-g")).orElseThrow();
    assertEquals(2, visitor.sessions());
    assertEquals(2, visitor.counts().getLong("pageviews"));
    assertEquals(1, visitor.counts().getLong("downloads"));
    List<String> urls = await(stores().visitors().timeline("acme", "visitor-g", 10)).stream()
        .map(e -> e.getString("url")).toList();
    assertEquals(List.of("https://acme.com/x.pdf", "https://acme.com/a", "https://acme.com/"), urls);
  }

  static Event campaignView(String id, String visitor, String url, String campaign, long at) {
    return new Event(id, "acme", visitor, null, EventType.PAGEVIEW, url, null, null, null,
        Map.of("source", "newsletter", "medium", "email", "campaign", campaign), Map.of(), null, Map.of(), 0, at, null);
  }

  io.vertx.core.json.JsonObject lastTouch(String visitor) {
    return await(stores().visitors().visitor("acme", visitor)).orElseThrow().lastTouch();
  }

  @Test
  void lastTouch_laterPagesOfTheSameVisit_keepTheTouchWhereTheVisitBegan() {
    record(campaignView("evt-00000001", "visitor-t1", "https://acme.com/a", "spring", T0));
    record(campaignView("evt-00000002", "visitor-t1", "https://acme.com/b", "spring", T0 + 60_000));
    assertEquals("https://acme.com/a", lastTouch("visitor-t1").getString("landing"));
    assertEquals(T0, lastTouch("visitor-t1").getLong("at"));
  }

  @Test
  void lastTouch_anotherCampaignWithinTheVisit_becomesTheLastTouch() {
    record(campaignView("evt-00000001", "visitor-t2", "https://acme.com/a", "spring", T0));
    record(campaignView("evt-00000002", "visitor-t2", "https://acme.com/b", "summer", T0 + 60_000));
    assertEquals("summer", lastTouch("visitor-t2").getString("utm_campaign"));
    assertEquals("https://acme.com/b", lastTouch("visitor-t2").getString("landing"));
  }

  @Test
  void lastTouch_sameCampaignInALaterVisit_isTheNewTouch() {
    record(campaignView("evt-00000001", "visitor-t3", "https://acme.com/a", "spring", T0));
    record(campaignView("evt-00000002", "visitor-t3", "https://acme.com/b", "spring", T0 + 2 * 60 * 60_000));
    assertEquals(T0 + 2 * 60 * 60_000, lastTouch("visitor-t3").getLong("at"));
  }

  @Test
  void lastTouch_theSameCampaignAgainWithinTheVisit_keepsTheTouchOfItsFirstPage() {
    record(campaignView("evt-00000001", "visitor-t5", "https://acme.com/a", "spring", T0));
    record(campaignView("evt-00000002", "visitor-t5", "https://acme.com/b", "summer", T0 + 60_000));
    record(campaignView("evt-00000003", "visitor-t5", "https://acme.com/c", "summer", T0 + 120_000));
    assertEquals("https://acme.com/b", lastTouch("visitor-t5").getString("landing"));
  }

  @Test
  void lastTouch_theSameCampaignAfterALandingWithTextTheStoredFormUses_keepsTheFirstTouch() {
    record(campaignView("evt-00000001", "visitor-t6", "https://acme.com/a\u001f\u0002", "spring", T0));
    record(campaignView("evt-00000002", "visitor-t6", "https://acme.com/b", "spring", T0 + 60_000));
    assertEquals("https://acme.com/a\u001f\u0002", lastTouch("visitor-t6").getString("landing"));
    assertEquals(T0, lastTouch("visitor-t6").getLong("at"));
  }

  @Test
  void timeline_theVisitorsFirstEntry_readsBackItsUrlAndTagsHoweverManyEntriesAreRead() {
    Event landing = view("evt-fe01", "https://acme.com/offer?utm_source=newsletter&utm_campaign=x", null, "Offer",
        null, Map.of("source", "newsletter", "medium", "email", "campaign", "x"), Map.of("lang", "en"), T0);
    List<Event> events = List.of(landing, view("evt-fe02", "https://acme.com/", null, "Home", null, Map.of(),
        Map.of("lang", "en"), T0 + 1), view("evt-fe03", "https://acme.com/", null, "Home", null, Map.of(),
        Map.of("lang", "en"), T0 + 2));
    Retention retention = new Retention(3600, 50, Projection.SESSION_GAP_MS);
    record(events.subList(0, 2), retention);
    record(events.subList(2, 3), retention);
    List<Object> expected = new java.util.ArrayList<>();
    for (Event event : List.of(events.get(2), events.get(1), events.get(0))) {
      expected.add(new io.vertx.core.json.JsonObject(Projection.timelineEntry(event)));
    }
    for (int max = 1; max <= 4; max++) {
      assertEquals(expected.subList(0, Math.min(max, 3)),
          List.copyOf(await(stores().visitors().timeline("acme", "visitor-rt", max))), "max " + max);
    }
    assertEquals(landing.url(), await(stores().visitors().visitor("acme", "visitor-rt")).orElseThrow().landingPage());
  }

  @Test
  void timeline_theFirstEntryOfAVisitorWhoseTouchIsKeptAsJson_readsBackItsTags() {
    Event landing = new Event("evt-fj01", "acme", "visitor-fj", null, EventType.PAGEVIEW, "https://acme.com/a?b=1",
        null, "A", "https://news.example/\u001f", Map.of("source", "news", "term", "t"), Map.of(), null, Map.of(), 0, T0,
        null);
    record(List.of(landing, event("evt-fj02", "visitor-fj", EventType.PAGEVIEW, "https://acme.com/", T0 + 1)));
    assertEquals(new io.vertx.core.json.JsonObject(Projection.timelineEntry(landing)),
        await(stores().visitors().timeline("acme", "visitor-fj", 10)).get(1));
  }

  @Test
  void lastTouch_directVisitAfterACampaign_keepsTheCampaign() {
    record(campaignView("evt-00000001", "visitor-t4", "https://acme.com/a", "spring", T0));
    record(event("evt-00000002", "visitor-t4", EventType.PAGEVIEW, "https://acme.com/b", T0 + 2 * 60 * 60_000));
    assertEquals("spring", lastTouch("visitor-t4").getString("utm_campaign"));
  }

  @Test
  void recordBatch_sameEventIdTwiceInOneBatch_secondIsADuplicate() {
    Event event = event("evt-00000001", "visitor-h", EventType.PAGEVIEW, "https://acme.com/", T0);
    List<Recorded> recorded = record(List.of(event, event));
    assertEquals(List.of(true, false), recorded.stream().map(Recorded::fresh).toList());
    assertEquals(1, await(stores().visitors().visitor("acme", "visitor-h")).orElseThrow().counts().getLong("pageviews"));
  }

  @Test
  void recordBatch_manyVisitors_answersInTheOrderGivenAndAReplayChangesNothing() {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      events.add(event("evt-b" + i, "visitor-" + (i % 20), EventType.PAGEVIEW, "https://acme.com/" + i,
          T0 + i * 60 * 60_000L));
    }
    List<Recorded> first = record(events);
    assertTrue(first.stream().allMatch(r -> r.fresh() && r.newSession()));
    List<Recorded> replay = record(events);
    assertTrue(replay.stream().noneMatch(Recorded::fresh));
    for (int v = 0; v < 20; v++) {
      var visitor = await(stores().visitors().visitor("acme", "visitor-" + v)).orElseThrow();
      assertEquals(3, visitor.counts().getLong("pageviews"), "visitor-" + v);
      assertEquals(3, visitor.sessions(), "visitor-" + v);
    }
    assertEquals("https://acme.com/45", await(stores().visitors().timeline("acme", "visitor-5", 1)).get(0)
        .getString("url"));
  }

  @Test
  void recordBatch_moreEventsOfOneVisitorThanOneScriptCallTakes_areAppliedInOrder() {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // a new session every tenth event
      events.add(event("evt-c" + (100 + i), "visitor-k", EventType.PAGEVIEW, "https://acme.com/" + i,
          T0 + i * 60_000L + (i / 10) * 60 * 60_000L));
    }
    List<Recorded> recorded = record(events);
    for (int i = 0; i < 40; i++) {
      assertEquals(i % 10 == 0, recorded.get(i).newSession(), "event " + i);
    }
    var visitor = await(stores().visitors().visitor("acme", "visitor-k")).orElseThrow();
    assertEquals(40, visitor.counts().getLong("pageviews"));
    assertEquals(4, visitor.sessions());
    assertEquals(T0 + 39 * 60_000L + 3 * 60 * 60_000L, visitor.lastSeen());
    assertEquals("https://acme.com/39", await(stores().visitors().timeline("acme", "visitor-k", 1)).get(0)
        .getString("url"));
  }

  @Test
  void recordBatch_moreEventsThanTheTimelineHolds_keepsTheNewest() {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.add(event("evt-0000000" + i, "visitor-i", EventType.PAGEVIEW, "https://acme.com/" + i, T0 + i));
    }
    record(events);
    List<String> urls = await(stores().visitors().timeline("acme", "visitor-i", 10)).stream()
        .map(e -> e.getString("url")).toList();
    assertEquals(List.of("https://acme.com/5", "https://acme.com/4", "https://acme.com/3"), urls);
  }

  @Test
  void recordBatch_empty_answersNothing() {
    assertTrue(await(stores().visitors().record(List.of())).isEmpty());
  }

  @Test
  void daily_summedTotals_addToWhatTheDayHolds() {
    LocalDate day = LocalDate.of(2026, 11, 24);
    StatsStore stats = stores().stats();
    DailyTotals batch = DailyTotals.of(new DailyCount("pageview", "v1", "/a", null, "direct"),
        new DailyCount("pageview", "v1", "/a", null, null), new DailyCount("pageview", "v2", "/b", null, "google"),
        new DailyCount("download", "v2", null, "https://acme.com/x.pdf", null));
    await(stats.count("acme", day, batch, 3600));
    await(stats.count("acme", day, batch, 3600));
    DailyStats acme = await(stats.daily("acme", day));
    assertEquals(2, acme.uniqueVisitors());
    assertEquals(Map.of("/a", 4L, "/b", 2L), acme.pageviews());
    assertEquals(Map.of("pageview", 6L, "download", 2L), acme.events());
    assertEquals(Map.of("https://acme.com/x.pdf", 2L), acme.downloads());
    assertEquals(Map.of("direct", 2L, "google", 2L), acme.sources());
  }

  @Test
  void daily_fieldsBeyondTheCap_areCountedAsOtherInTheOrderFirstMet() {
    LocalDate day = LocalDate.of(2026, 11, 24);
    StatsStore stats = stores().stats();
    DailyTotals fill = new DailyTotals();
    for (int i = 0; i < StatsStore.MAX_FIELDS - 1; i++) {
      fill.add(new DailyCount("pageview", "v1", "/p" + i, null, null));
    }
    await(stats.count("acme", day, fill, 3600));
    DailyTotals batch = DailyTotals.of(new DailyCount("pageview", "v1", "/new-a", null, null),
        new DailyCount("pageview", "v1", "/new-b", null, null), new DailyCount("pageview", "v1", "/p7", null, null),
        new DailyCount("pageview", "v1", "/new-a", null, null), new DailyCount("pageview", "v1", "/new-c", null, null),
        new DailyCount("pageview", "v1", "/new-b", null, null));
    await(stats.count("acme", day, batch, 3600));
    Map<String, Long> pageviews = await(stats.daily("acme", day)).pageviews();
    assertEquals(StatsStore.MAX_FIELDS + 1, pageviews.size());
    assertEquals(2L, pageviews.get("/new-a"));
    assertEquals(3L, pageviews.get(StatsStore.OTHER));
    assertEquals(2L, pageviews.get("/p7"));
    assertNull(pageviews.get("/new-b"));
  }

  @Test
  void eventLog_deliversEachEntryToOneConsumerUntilAcknowledged() {
    EventLog log = stores().events();
    Event event = event("evt-00000001", "visitor-e", EventType.PAGEVIEW, "https://acme.com/", T0);
    await(log.append(List.of(event)));
    int partition = partitionHolding(log, "first");
    assertTrue(await(log.read(partition, "second", false, 10, 0)).isEmpty());
    List<LoggedEvent> pending = await(log.read(partition, "first", true, 10, 0));
    assertEquals(1, pending.size());
    assertEquals(event, pending.get(0).event());
    await(log.ack(partition, List.of(pending.get(0).entryId())));
    assertTrue(await(log.read(partition, "first", true, 10, 0)).isEmpty());
    assertEquals(0L, await(log.backlog()));
  }

  @Test
  void eventLog_entriesOfADeadConsumer_canBeClaimed() throws Exception {
    EventLog log = stores().events();
    await(log.append(List.of(event("evt-00000001", "visitor-f", EventType.PAGEVIEW, "https://acme.com/", T0))));
    int partition = partitionHolding(log, "dead");
    passTime(20);
    List<LoggedEvent> claimed = await(log.claimStale(partition, "alive", 10, 10));
    assertEquals(1, claimed.size());
    assertEquals(1, await(log.read(partition, "alive", true, 10, 0)).size());
    assertTrue(await(log.read(partition, "dead", true, 10, 0)).isEmpty());
  }

  /** Reads new entries as {@code consumer} from every partition; returns the one that had the entry. */
  private int partitionHolding(EventLog log, String consumer) {
    for (int p = 0; p < log.partitions(); p++) {
      if (!await(log.read(p, consumer, false, 10, 0)).isEmpty()) {
        return p;
      }
    }
    throw new AssertionError("no partition delivered the appended entry");
  }
}
