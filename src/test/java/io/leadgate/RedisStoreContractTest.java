package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.EventType;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisKeys;
import io.leadgate.redis.RedisStores;
import io.leadgate.stats.DailyTotals;
import io.leadgate.stats.StatsStore;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisStoreContractTest extends StoreContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  Vertx vertx;
  RedisStores stores;

  @BeforeEach
  void connect() {
    redis.flush();
    vertx = Vertx.vertx();
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: acme}]", "test.yaml");
    config = config.withRedis(config.redis().withUrl(redis.url()));
    stores = await(RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics()));
  }

  @AfterEach
  void close() {
    stores.close();
    vertx.close();
  }

  @Override
  Stores stores() {
    return Stores.of(stores);
  }

  @Test
  void anonymousVisitorKeys_expireAfterTheRetention() {
    record(event("evt-00000001", "visitor-x", EventType.PAGEVIEW, "https://acme.com/", T0));
    for (String key : new String[] {RedisKeys.visitor("acme", "visitor-x"),
        RedisKeys.visitorTimeline("acme", "visitor-x"), RedisKeys.visitorSeen("acme", "visitor-x")}) {
      long ttl = Long.parseLong(redis.command("TTL", key));
      assertTrue(ttl > 0 && ttl <= RETENTION.ttlSeconds(), key + " ttl " + ttl);
    }
  }

  @Test
  void visitorTtl_isRenewedOnTheVisitorsFirstEventOfADayOnly() {
    long day = 86_400_000L;
    long morning = T0 - Math.floorMod(T0, day) + 8 * 3_600_000L;
    record(event("evt-00000001", "visitor-r", EventType.PAGEVIEW, "https://acme.com/", morning));
    String hash = RedisKeys.visitor("acme", "visitor-r");
    redis.command("EXPIRE", hash, "100");
    record(event("evt-00000002", "visitor-r", EventType.PAGEVIEW, "https://acme.com/a", morning + 3_600_000L));
    assertTrue(Long.parseLong(redis.command("TTL", hash)) <= 100, "renewed again on the same day");
    record(event("evt-00000003", "visitor-r", EventType.PAGEVIEW, "https://acme.com/b", morning + day));
    assertTrue(Long.parseLong(redis.command("TTL", hash)) > 100, "not renewed on the next day");
  }

  @Test
  void recentEventIds_keepTheNewest200() {
    List<io.leadgate.core.Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 210; i++) {
      events.add(event("evt-s" + (1000 + i), "visitor-s", EventType.PAGEVIEW, "https://acme.com/", T0 + i));
    }
    record(events.subList(0, 100));
    record(events.subList(100, 210));
    String seen = RedisKeys.visitorSeen("acme", "visitor-s");
    assertEquals("200", redis.command("ZCARD", seen));
    assertEquals("evt-s1010", redis.command("ZRANGE", seen, "0", "0"));
  }

  @Test
  void visitorKeysOfOnePerson_shareOneHashTag() {
    String tag = RedisKeys.visitor("acme", "visitor-y").split(":")[1];
    assertTrue(RedisKeys.visitorTimeline("acme", "visitor-y").contains(tag));
    assertTrue(RedisKeys.visitorSeen("acme", "visitor-y").contains(tag));
  }

  @Test
  void dailyAggregates_expireAfterTheStatsRetention() {
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 24);
    await(stores.stats().count("acme", day,
        DailyTotals.of(new StatsStore.DailyCount("pageview", "v1", "/a", null, "direct")), 500));
    for (String kind : new String[] {"ev", "uv", "pv", "src"}) {
      long ttl = Long.parseLong(redis.command("TTL", RedisKeys.daily("acme", day, kind)));
      assertTrue(ttl > 0 && ttl <= 500, kind + " ttl " + ttl);
    }
    assertEquals("-2", redis.command("TTL", RedisKeys.daily("acme", day, "dl")));
  }
}
