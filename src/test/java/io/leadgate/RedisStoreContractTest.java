package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.EventType;
import io.leadgate.redis.RedisKeys;
import io.leadgate.stats.DailyTotals;
import io.leadgate.stats.StatsStore;
import io.leadgate.testing.OneInstance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisStoreContractTest extends StoreContract {
  @RegisterExtension
  static final OneInstance redis = OneInstance.onServer();

  @Override
  Stores stores() {
    return redis.stores();
  }

  @Test
  void anonymousVisitor_isOneKeyThatExpiresAfterTheRetention() {
    record(event("evt-00000001", "visitor-x", EventType.PAGEVIEW, "https://acme.com/", T0));
    long ttl = Long.parseLong(redis.server().command("TTL", RedisKeys.visitorTimeline("acme", "visitor-x")));
    assertTrue(ttl > 0 && ttl <= RETENTION.ttlSeconds(), "ttl " + ttl);
    assertEquals("0", redis.server().command("EXISTS", RedisKeys.visitor("acme", "visitor-x")));
    assertEquals("0", redis.server().command("EXISTS", RedisKeys.visitorSeen("acme", "visitor-x")));
  }

  @Test
  void visitorTtl_isRenewedOnTheVisitorsFirstEventOfADayOnly() {
    long day = 86_400_000L;
    long morning = T0 - Math.floorMod(T0, day) + 8 * 3_600_000L;
    record(event("evt-00000001", "visitor-r", EventType.PAGEVIEW, "https://acme.com/", morning));
    String key = RedisKeys.visitorTimeline("acme", "visitor-r");
    redis.server().command("EXPIRE", key, "100");
    record(event("evt-00000002", "visitor-r", EventType.PAGEVIEW, "https://acme.com/a", morning + 3_600_000L));
    assertTrue(Long.parseLong(redis.server().command("TTL", key)) <= 100, "renewed again on the same day");
    record(event("evt-00000003", "visitor-r", EventType.PAGEVIEW, "https://acme.com/b", morning + day));
    assertTrue(Long.parseLong(redis.server().command("TTL", key)) > 100, "not renewed on the next day");
  }

  @Test
  void recentEventIds_pastTheTimelineCap_areKeptAsIdsOnly_theNewest200() {
    List<io.leadgate.core.Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 210; i++) {
      events.add(event("evt-s" + (1000 + i), "visitor-s", EventType.PAGEVIEW, "https://acme.com/", T0 + i));
    }
    record(events.subList(0, 100));
    record(events.subList(100, 210));
    String key = RedisKeys.visitorTimeline("acme", "visitor-s");
    assertEquals("201", redis.server().command("LLEN", key), "200 entries and the profile");
    assertEquals("\u0003evt-s1010", redis.server().command("LINDEX", key, "199"));
  }

  @Test
  void visitorKeysOfOnePerson_shareOneHashTag() {
    String tag = RedisKeys.visitor("acme", "visitor-y").split(":")[1];
    assertTrue(RedisKeys.visitorTimeline("acme", "visitor-y").contains(tag));
    assertTrue(RedisKeys.visitorSeen("acme", "visitor-y").contains(tag));
  }

  @Test
  void visitorOfTheBuildBefore_isReadAsItWas_andMovedIntoOneKeyByItsNextEvent() {
    String hash = RedisKeys.visitor("acme", "visitor-o");
    String list = RedisKeys.visitorTimeline("acme", "visitor-o");
    String seen = RedisKeys.visitorSeen("acme", "visitor-o");
    String touch = "{\"source\":\"direct\",\"landing\":\"https://acme.com/\",\"at\":" + T0 + "}";
    String entry = "{\"id\":\"evt-old00001\",\"type\":\"pageview\",\"at\":" + T0 + ",\"url\":\"https://acme.com/\"}";
    redis.server().command("HSET", hash, "first_seen", Long.toString(T0), "last_seen", Long.toString(T0), "sessions", "1",
        "landing", "https://acme.com/", "first_touch", touch, "last_touch", touch, "touch_key", "k", "pageviews", "1");
    redis.server().command("RPUSH", list, entry);
    redis.server().command("ZADD", seen, Long.toString(T0), "evt-old00001");
    for (String key : new String[] {hash, list, seen}) {
      redis.server().command("EXPIRE", key, "1000");
    }
    Stores stores = stores();
    assertEquals(1, await(stores.visitors().visitor("acme", "visitor-o")).orElseThrow().counts().getLong("pageviews"));
    assertEquals(List.of(new io.vertx.core.json.JsonObject(entry)),
        List.copyOf(await(stores.visitors().timeline("acme", "visitor-o", 10))));

    assertFalse(record(event("evt-old00001", "visitor-o", EventType.PAGEVIEW, "https://acme.com/", T0 + 1)).fresh());
    assertTrue(record(event("evt-new00002", "visitor-o", EventType.PAGEVIEW, "https://acme.com/b", T0 + 2)).fresh());

    var visitor = await(stores.visitors().visitor("acme", "visitor-o")).orElseThrow();
    assertEquals(List.of(2L, 1L, T0), List.of(visitor.counts().getLong("pageviews"), visitor.sessions(),
        visitor.firstSeen()));
    assertEquals(new io.vertx.core.json.JsonObject(touch), visitor.firstTouch());
    assertEquals(List.of("https://acme.com/b", "https://acme.com/"), await(stores.visitors().timeline("acme",
        "visitor-o", 10)).stream().map(e -> e.getString("url")).toList());
    assertEquals("0", redis.server().command("EXISTS", hash, seen));
    long ttl = Long.parseLong(redis.server().command("TTL", list));
    assertTrue(ttl > 0 && ttl <= 1000, "the old keys' retention, not renewed on the same day: " + ttl);
  }

  @Test
  void eventOfTheBuildBefore_replayedAfterItsSeenSetIsGone_isADuplicate() {
    String hash = RedisKeys.visitor("acme", "visitor-j");
    String list = RedisKeys.visitorTimeline("acme", "visitor-j");
    String seen = RedisKeys.visitorSeen("acme", "visitor-j");
    redis.server().command("HSET", hash, "first_seen", Long.toString(T0), "last_seen", Long.toString(T0), "sessions", "1",
        "landing", "https://acme.com/", "pageviews", "1");
    redis.server().command("RPUSH", list,
        "{\"id\":\"evt-j1\",\"type\":\"pageview\",\"at\":" + T0 + ",\"url\":\"https://acme.com/\"}");
    redis.server().command("ZADD", seen, Long.toString(T0), "evt-j1");
    record(event("evt-j2", "visitor-j", EventType.PAGEVIEW, "https://acme.com/b", T0 + 1)); // moves it into one key
    assertEquals("0", redis.server().command("EXISTS", seen));

    assertFalse(record(event("evt-j1", "visitor-j", EventType.PAGEVIEW, "https://acme.com/", T0 + 2)).fresh());
  }

  @Test
  void snippetEventId_replayedAfterNewerEvents_isADuplicate() {
    String id = "0123456789abcdef0123456789abcdef"; // kept in its entry in 22 characters, without the '~' it is read with
    assertTrue(record(event(id, "visitor-sn", EventType.PAGEVIEW, "https://acme.com/", T0)).fresh());
    assertTrue(record(event("fedcba9876543210fedcba9876543210", "visitor-sn", EventType.PAGEVIEW, "https://acme.com/",
        T0 + 1)).fresh());
    assertFalse(record(event(id, "visitor-sn", EventType.PAGEVIEW, "https://acme.com/", T0 + 2)).fresh());
  }

  @Test
  void eventIdWrittenInAnotherEntrysValues_isNotADuplicate() {
    record(event("evt-v1", "visitor-val", EventType.PAGEVIEW, "https://acme.com/evt-v2", T0));
    record(event("evt-v3", "visitor-val", EventType.PAGEVIEW, "evt-v2", T0 + 1));
    assertTrue(record(event("evt-v2", "visitor-val", EventType.PAGEVIEW, "https://acme.com/", T0 + 2)).fresh());
  }

  @Test
  void visitorOfTheFirstListForm_isReadAsItWas_andKeepsItsTouchesAndIdsWhenWrittenAgain() {
    String list = RedisKeys.visitorTimeline("acme", "visitor-l");
    String landing = "https://acme.com/a?utm_source=news";
    // as the build of 2026-12-04 wrote it: entries led by \2, a touch with its label, the touch key
    redis.server().command("RPUSH", list,
        "\u0002evt-l2\u001fp\u001f" + Long.toString(T0 + 1000, 36) + "\u001fhttps://acme.com\u001f/b\u001fB",
        "\u0002evt-l1\u001f\u001d\u001f" + Long.toString(T0, 36) + "\u001f\u001d\u001f/a?utm_source=news\u001fA\u001f"
            + "\u001f{\"source\":\"news\"}",
        "\u0001fs\u001e" + T0 + "\u001fls\u001e" + (T0 + 1000) + "\u001fse\u001e1\u001fla\u001e" + landing
            + "\u001fft\u001eus\u001enews\u001ds\u001enews / (none)\u001ftk\u001e3a1b\u001fpv\u001e2");
    redis.server().command("EXPIRE", list, "1000");
    io.vertx.core.json.JsonObject first = new io.vertx.core.json.JsonObject().put("id", "evt-l1").put("type", "pageview")
        .put("at", T0).put("url", landing).put("title", "A").put("utm", new io.vertx.core.json.JsonObject().put("source", "news"));
    io.vertx.core.json.JsonObject second = new io.vertx.core.json.JsonObject().put("id", "evt-l2").put("type", "pageview")
        .put("at", T0 + 1000).put("url", "https://acme.com/b").put("title", "B");
    io.vertx.core.json.JsonObject touch = new io.vertx.core.json.JsonObject().put("utm_source", "news")
        .put("source", "news / (none)").put("landing", landing).put("at", T0);
    Stores stores = stores();
    assertEquals(List.of(second, first), List.copyOf(await(stores.visitors().timeline("acme", "visitor-l", 10))));
    assertEquals(touch, await(stores.visitors().visitor("acme", "visitor-l")).orElseThrow().firstTouch());

    assertFalse(record(event("evt-l1", "visitor-l", EventType.PAGEVIEW, landing, T0 + 2000)).fresh());
    io.leadgate.core.Event again = new io.leadgate.core.Event("evt-l3", "acme", "visitor-l", null, EventType.PAGEVIEW,
        "https://acme.com/c", null, null, null, java.util.Map.of("source", "news"), java.util.Map.of(), null,
        java.util.Map.of(), 0, T0 + 2000, null);
    assertTrue(record(again).fresh());

    var visitor = await(stores.visitors().visitor("acme", "visitor-l")).orElseThrow();
    assertEquals(List.of(touch, touch, 3L, 1L), List.of(visitor.firstTouch(), visitor.lastTouch(),
        visitor.counts().getLong("pageviews"), visitor.sessions()), "the same source within the visit");
    List<io.vertx.core.json.JsonObject> timeline = await(stores.visitors().timeline("acme", "visitor-l", 10));
    assertEquals(List.of("https://acme.com/c", second, first), List.of(timeline.get(0).getString("url"),
        timeline.get(1), timeline.get(2)));
  }

  @Test
  void firstEventOfAVisitorWhoseListOutlivedItsProfile_readsBackWhateverCountIsRead() {
    String list = RedisKeys.visitorTimeline("acme", "visitor-e");
    String old = "{\"id\":\"evt-e1\",\"type\":\"pageview\",\"at\":" + T0 + ",\"url\":\"https://acme.com/\"}";
    redis.server().command("RPUSH", list, old); // the build before's list, its hash gone
    io.leadgate.core.Event first = new io.leadgate.core.Event("evt-e2", "acme", "visitor-e", null, EventType.PAGEVIEW,
        "https://acme.com/offer?x=1", null, "Offer", null, java.util.Map.of("source", "news"), java.util.Map.of(), null,
        java.util.Map.of(), 0, T0 + 1000, null);
    record(first);
    io.vertx.core.json.JsonObject entry = new io.vertx.core.json.JsonObject(
        io.leadgate.collect.Projection.timelineEntry(first));
    assertEquals(List.of(entry), List.copyOf(await(stores().visitors().timeline("acme", "visitor-e", 1))));
    assertEquals(List.of(entry, new io.vertx.core.json.JsonObject(old)),
        List.copyOf(await(stores().visitors().timeline("acme", "visitor-e", 2))));
  }

  @Test
  void dailyAggregates_expireAfterTheStatsRetention() {
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 24);
    await(stores().stats().count("acme", day,
        DailyTotals.of(new StatsStore.DailyCount("pageview", "v1", "/a", null, "direct")), 500));
    for (String kind : new String[] {"ev", "uv", "pv", "src"}) {
      long ttl = Long.parseLong(redis.server().command("TTL", RedisKeys.daily("acme", day, kind)));
      assertTrue(ttl > 0 && ttl <= 500, kind + " ttl " + ttl);
    }
    assertEquals("-2", redis.server().command("TTL", RedisKeys.daily("acme", day, "dl")));
  }
}
