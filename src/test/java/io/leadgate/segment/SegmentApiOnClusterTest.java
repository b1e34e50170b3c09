package io.leadgate.segment;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** The Segment-spec API on a Redis Cluster of three masters and three replicas. */
class SegmentApiOnClusterTest extends SegmentApiContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
