package io.leadgate.collect;

import io.leadgate.testing.RedisCluster;

/** The intake and projection contract on a Redis Cluster of three masters and three replicas. */
class CollectApiOnClusterTest extends CollectApiContract {
  static final RedisCluster cluster = RedisCluster.shared();

  @Override
  void resetStore() {
    cluster.flush();
  }

  @Override
  String redisUrl() {
    return cluster.url();
  }
}
