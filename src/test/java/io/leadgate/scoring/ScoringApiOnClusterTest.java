package io.leadgate.scoring;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** Scoring and the lead API on a Redis Cluster. */
class ScoringApiOnClusterTest extends ScoringApiContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
