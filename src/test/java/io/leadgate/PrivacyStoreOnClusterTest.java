package io.leadgate;

import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The privacy ports on a Redis Cluster: tombstones per shard, erasures and the audit log on their own tags. */
class PrivacyStoreOnClusterTest extends PrivacyStoreContract {
  static final RedisCluster cluster = RedisCluster.shared();
  Vertx vertx;
  RedisStores stores;

  @BeforeEach
  void connect() {
    cluster.flush();
    vertx = Vertx.vertx();
    stores = await(RedisStores.start(vertx, TestRedis.config(cluster.url()), 2, new Metrics()));
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
