package io.leadgate.stats;

import io.leadgate.testing.RedisCluster;

/** The stats API contract on a Redis Cluster (a site's daily keys share one slot; PFCOUNT over days stays in it). */
class StatsApiOnClusterTest extends StatsApiContract {
  static final RedisCluster cluster = RedisCluster.shared();

  @Override
  String redisUrl() {
    return cluster.url();
  }

  @Override
  void resetStore() {
    cluster.flush();
  }
}
