package io.leadgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Stores;
import io.leadgate.identity.Lead;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisKeys;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountStoreOnRedisTest extends AccountStoreContract {
  static RedisServer redis;
  static Vertx vertx;
  static RedisStores stores;
  static RedisStores other;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    vertx = Vertx.vertx();
    stores = await(RedisStores.start(vertx, TestRedis.config(redis.url()), 2, new Metrics()));
    other = await(RedisStores.start(vertx, TestRedis.config(redis.url()), 2, new Metrics()));
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
  void accountKeys_shareTheAccountsHashTag_notTheLeads() {
    Lead lead = lead("ann@acme.com", new JsonObject());
    await(service().refresh(lead.id()));
    String tag = RedisKeys.account(SITE, "acme.com").split(":")[1];
    assertTrue(RedisKeys.accountHistory(SITE, "acme.com").contains(tag));
    assertTrue(RedisKeys.outboxOf(Account.ref(SITE, "acme.com")).contains(tag));
    assertEquals("1", redis.command("HGET", RedisKeys.account(SITE, "acme.com"), "ver"));
    assertEquals("1", redis.command("LLEN", RedisKeys.accountHistory(SITE, "acme.com")));
  }
}
