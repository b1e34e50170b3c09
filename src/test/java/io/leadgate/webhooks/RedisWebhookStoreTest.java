package io.leadgate.webhooks;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.Stores;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisWebhookStoreTest extends WebhookStoreContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @Override
  Stores open(Vertx vertx) {
    redis.flush();
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: demo}]\nredis: {url: \""
        + redis.url() + "\"}", "test.yaml");
    return Stores.of(await(RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics())));
  }
}
