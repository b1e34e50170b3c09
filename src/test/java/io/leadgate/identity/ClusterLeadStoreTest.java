package io.leadgate.identity;

import io.leadgate.Stores;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The lead store contract on a Redis Cluster (the email claim crosses slots; the lead step stays in one). */
class ClusterLeadStoreTest extends LeadStoreContract {
  static RedisCluster cluster;
  static Vertx vertx;
  static RedisStores stores;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.shared();
    vertx = Vertx.vertx();
    stores = await(RedisStores.start(vertx, TestRedis.config(cluster.url()), 2, new Metrics()));
  }

  @AfterAll
  static void stop() {
    await(stores.close());
    vertx.close();
  }

  @BeforeEach
  void flush() {
    cluster.flush();
  }

  @Override
  protected Stores stores() {
    return Stores.of(stores);
  }
}
