package io.leadgate.webhooks;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeEach;

/** Webhook delivery (fan-out, per-lead order, retries, claims, replay) on a Redis Cluster. */
class DeliveryOnClusterTest extends DeliverySpec {
  static final RedisCluster cluster = RedisCluster.shared();

  @BeforeEach
  void flush() {
    cluster.flush();
  }

  @Override
  String redisUrl() {
    return cluster.url();
  }
}
