package io.leadgate.forms;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** Link scanners and bots on the lead-magnet links on a Redis Cluster. */
class LinkScannerOnClusterTest extends LinkScannerContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
