package io.leadgate.forms;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** Forms (the email claim, the lead step, rate limits, links) on a Redis Cluster. */
class FormsOnClusterTest extends FormsContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
