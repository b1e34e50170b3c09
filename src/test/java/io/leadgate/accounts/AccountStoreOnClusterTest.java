package io.leadgate.accounts;

import io.leadgate.Stores;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The account contract on a Redis Cluster: accounts and their leads on different shards, two instances writing. */
class AccountStoreOnClusterTest extends AccountStoreContract {
  static RedisCluster cluster;
  static Vertx vertx;
  static RedisStores stores;
  static RedisStores other;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.shared();
    vertx = Vertx.vertx();
    stores = await(RedisStores.start(vertx, TestRedis.config(cluster.url()), 2, new Metrics()));
    other = await(RedisStores.start(vertx, TestRedis.config(cluster.url()), 2, new Metrics()));
  }

  @AfterAll
  static void stop() {
    await(stores.close());
    await(other.close());
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

  @Override
  protected Stores otherInstance() {
    return Stores.of(other);
  }
}
