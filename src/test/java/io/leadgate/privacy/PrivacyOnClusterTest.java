package io.leadgate.privacy;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

/** Export and erasure on a Redis Cluster: a person's keys on several shards, one step per shard. */
class PrivacyOnClusterTest extends PrivacyContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
