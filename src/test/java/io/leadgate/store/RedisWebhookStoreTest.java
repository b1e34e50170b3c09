package io.leadgate.store;

import io.leadgate.config.ConfigLoader;
import io.leadgate.ops.Metrics;
import io.leadgate.store.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisWebhookStoreTest extends WebhookStoreContract {
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  Stores open(Vertx vertx) {
    redis.flush();
    return await(RedisStores.start(vertx, new ConfigLoader().parse("sites: [{key: demo}]\nredis: {url: \""
        + redis.url() + "\"}", "test.yaml"), new Metrics()));
  }
}
