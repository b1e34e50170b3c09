package io.leadgate.scoring;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** The lead list and its search on a Redis Cluster. */
class LeadListOnClusterTest extends LeadListContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
