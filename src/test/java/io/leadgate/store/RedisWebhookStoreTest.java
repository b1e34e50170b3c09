package io.leadgate.store;

import io.leadgate.config.ConfigLoader;
import io.leadgate.ops.Metrics;
import io.leadgate.store.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisWebhookStoreTest extends WebhookStoreContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @Override
  Stores open(Vertx vertx) {
    redis.flush();
    return await(RedisStores.start(vertx, new ConfigLoader().parse("sites: [{key: demo}]\nredis: {url: \""
        + redis.url() + "\"}", "test.yaml"), new Metrics()));
  }
}
