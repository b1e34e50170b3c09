package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.core.Shards;
import io.leadgate.ops.Metrics;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store remembers the shard count it was written with, and a build with another count does not start on it. */
class ShardLayoutTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  Vertx vertx;
  GatewayConfig config;

  @BeforeEach
  void setUp() {
    redis.flush();
    vertx = Vertx.vertx();
    // a long store timeout: a check that times out on a busy machine starts (503s) instead of refusing
    GatewayConfig parsed = new ConfigLoader().parse("sites: [{key: acme}]\nredis: {timeoutMs: 20000}", "test.yaml");
    config = parsed.withRedis(parsed.redis().withUrl(redis.url()));
  }

  @AfterEach
  void tearDown() {
    vertx.close();
  }

  @Test
  void start_onAnEmptyStore_recordsThisBuildsShardCount() throws Exception {
    start().close();
    assertEquals("shards=" + Shards.COUNT + " visitors=list2", redis.command("GET", RedisKeys.layout()));
  }

  @Test
  void start_onAStoreOfThisBuild_starts() throws Exception {
    start().close();
    start().close();
    assertEquals("shards=" + Shards.COUNT + " visitors=list2", redis.command("GET", RedisKeys.layout()));
  }

  @Test
  void start_onAStoreWrittenWithAnotherShardCount_failsNamingBothCountsAndLeavesTheStoreAlone() {
    redis.command("SET", RedisKeys.layout(), "shards=16");
    Exception refused = assertThrows(Exception.class, this::start);
    assertTrue(refused.getMessage().contains("written with 16 virtual shards and this build uses " + Shards.COUNT),
        refused.getMessage());
    assertEquals("shards=16", redis.command("GET", RedisKeys.layout()));
    assertEquals("0", redis.command("EXISTS", RedisKeys.ingest(0)));
  }

  @Test
  void start_onAStoreOfTheBuildBefore_takesItOverSoThatThatBuildRefusesIt() throws Exception {
    redis.command("SET", RedisKeys.layout(), "shards=" + Shards.COUNT);
    start().close();
    assertEquals("shards=" + Shards.COUNT + " visitors=list2", redis.command("GET", RedisKeys.layout()));
  }

  @Test
  void start_onAStoreOfTheFirstListForm_takesItOverSoThatThatBuildRefusesIt() throws Exception {
    redis.command("SET", RedisKeys.layout(), "shards=" + Shards.COUNT + " visitors=list");
    start().close();
    assertEquals("shards=" + Shards.COUNT + " visitors=list2", redis.command("GET", RedisKeys.layout()));
  }

  @Test
  void start_onAStoreWrittenWithAnotherShardCountInThisForm_failsNamingTheCount() {
    redis.command("SET", RedisKeys.layout(), "shards=16 visitors=list2");
    Exception refused = assertThrows(Exception.class, this::start);
    assertTrue(refused.getMessage().contains("written with 16 virtual shards"), refused.getMessage());
  }

  private RedisStores start() throws Exception {
    return RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics())
        .await(10, TimeUnit.SECONDS);
  }
}
