package io.leadgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.Stores;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisKeys;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisLeadStoreTest extends LeadStoreContract {
  static RedisServer redis;
  static Vertx vertx;
  static RedisStores stores;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    vertx = Vertx.vertx();
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: acme}]\nredis: {url: \"" + redis.url() + "\"}",
        "test.yaml");
    stores = await(RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics()));
  }

  @AfterAll
  static void stop() {
    await(stores.close());
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

  @Test
  void linkVisitor_anonymousVisitorOfTheBuildBeforeWithTtl_movedIntoItsListAndPersisted() {
    String visitorKey = RedisKeys.visitor(SITE, "visitor-1");
    String timelineKey = RedisKeys.visitorTimeline(SITE, "visitor-1");
    redis.command("HSET", visitorKey, "first_seen", "1");
    redis.command("EXPIRE", visitorKey, "3600");
    redis.command("RPUSH", timelineKey, "{}");
    redis.command("EXPIRE", timelineKey, "3600");
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    await(leads().linkVisitor(lead.id(), SITE, "visitor-1", NOT_ERASED));
    assertEquals("-1", redis.command("TTL", timelineKey));
    assertEquals("0", redis.command("EXISTS", visitorKey), "moved into the visitor's list");
    var visitor = await(stores.visitors().visitor(SITE, "visitor-1")).orElseThrow();
    assertEquals(List.of(1L, lead.id(), "form"), List.of(visitor.firstSeen(), visitor.leadId(), visitor.linkedBy()));
  }

  @Test
  void findOrCreate_leadKeys_shareTheLeadsHashTag() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    String tag = RedisKeys.shardTag(RedisKeys.leadShard(lead.id()));
    assertEquals("lg:" + tag + ":lead:" + lead.id(), RedisKeys.lead(lead.id()));
    assertEquals("1", redis.command("EXISTS", RedisKeys.leadVisitors(lead.id())));
    assertEquals("1", redis.command("EXISTS", RedisKeys.leadStages(lead.id())));
    assertTrue(RedisKeys.outboxOf(lead.id()).contains(tag));
    assertEquals(lead.id(), redis.command("GET", RedisKeys.email(SITE, "ann@acme.com")));
  }

  @Test
  void recordSubmission_hasItsTtl() {
    await(leads().recordSubmission(SITE, "sub-00000001", new LeadStore.Submitted("ld_x", "visitor-1"), 60));
    long ttl = Long.parseLong(redis.command("TTL", RedisKeys.formSubmission(SITE, "sub-00000001")));
    assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
  }
}
