package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.Stores;
import io.leadgate.identity.Lead;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisKeys;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisScoreStoreTest extends ScoreStoreContract {
  static RedisServer redis;
  static Vertx vertx;
  static RedisStores stores;
  static RedisStores other;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    vertx = Vertx.vertx();
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: acme}]\nredis: {url: \"" + redis.url() + "\"}",
        "test.yaml");
    stores = await(RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics()));
    other = await(RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics()));
  }

  @AfterAll
  static void stop() {
    await(stores.close());
    await(other.close());
    vertx.close();
    redis.close();
  }

  @BeforeEach
  void flush() {
    redis.flush();
  }

  @Override
  protected Stores stores() {
    return Stores.of(stores);
  }

  @Override
  protected Stores otherInstance() {
    return Stores.of(other);
  }

  @Test
  void scoreKeys_shareTheLeadsHashTag() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    String tag = RedisKeys.lead(lead.id()).split(":")[1];
    for (String key : new String[] {RedisKeys.leadScore(lead.id()), RedisKeys.leadScored(lead.id()),
        RedisKeys.leadPoints(lead.id()), RedisKeys.outboxOf(lead.id()), RedisKeys.leadStages(lead.id())}) {
      assertTrue(key.contains(tag), key);
    }
    assertEquals("1", redis.command("ZCARD", RedisKeys.leadScored(lead.id())));
    assertEquals("1", redis.command("LLEN", RedisKeys.leadPoints(lead.id())));
  }

  @Test
  void scoredIdsAndPointsLog_areBounded() {
    Lead lead = lead();
    java.util.List<io.leadgate.scoring.ScoreDelta.ScoredEvent> many = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(event("e-" + i, T0 + i, "pricing", 1, 0));
    }
    step(lead.id(), new io.leadgate.scoring.ScoreDelta(many, null, false), MQL_50, T0);
    assertEquals(Integer.toString(ScoreStore.KEPT_EVENT_IDS), redis.command("ZCARD", RedisKeys.leadScored(lead.id())));
    assertEquals(Integer.toString(ScoreStore.KEPT_LOG), redis.command("LLEN", RedisKeys.leadPoints(lead.id())));
  }
}
