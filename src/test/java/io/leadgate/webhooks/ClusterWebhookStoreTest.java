package io.leadgate.webhooks;

import io.leadgate.Stores;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Vertx;

/** The webhook store contract on a Redis Cluster. */
class ClusterWebhookStoreTest extends WebhookStoreContract {
  static final RedisCluster cluster = RedisCluster.shared();

  @Override
  Stores open(Vertx vertx) {
    cluster.flush();
    return Stores.of(await(RedisStores.start(vertx, TestRedis.config(cluster.url()), 2, new Metrics())));
  }
}
