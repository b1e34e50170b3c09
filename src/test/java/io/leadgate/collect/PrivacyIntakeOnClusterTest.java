package io.leadgate.collect;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** Privacy at intake on a Redis Cluster (the day's salt is one key, on any slot). */
class PrivacyIntakeOnClusterTest extends PrivacyIntakeContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
