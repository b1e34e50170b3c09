package io.leadgate;

import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrivacyStoreOnRedisTest extends PrivacyStoreContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  Vertx vertx;
  RedisStores stores;

  @BeforeEach
  void connect() {
    redis.flush();
    vertx = Vertx.vertx();
    stores = await(RedisStores.start(vertx, TestRedis.config(redis.url()), 2, new Metrics()));
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
}
