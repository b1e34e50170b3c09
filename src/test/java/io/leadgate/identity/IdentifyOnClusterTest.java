package io.leadgate.identity;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** identify (linking a device to a lead) on a Redis Cluster. */
class IdentifyOnClusterTest extends IdentifyContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
