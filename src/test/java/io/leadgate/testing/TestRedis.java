package io.leadgate.testing;

import io.leadgate.config.RedisConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The store address the suites pass around as one string (their {@code redisUrl()}), turned into the gateway's
 * Redis settings: {@code redis://host:port} is a standalone server ({@link RedisServer#url()}),
 * {@code redis-cluster://host:port,host:port,…} the seeds of a cluster ({@link RedisCluster#url()}). So a contract
 * suite runs on a cluster by handing it the cluster's address, with no change to the suite.
 */
public final class TestRedis {
  private static final String CLUSTER = "redis-cluster://";

  private TestRedis() {
  }

  public static RedisConfig config(String address) {
    if (address.startsWith(CLUSTER)) {
      List<String> seeds = Arrays.stream(address.substring(CLUSTER.length()).split(","))
          .map(node -> "redis://" + node).toList();
      return RedisConfig.cluster(seeds);
    }
    return RedisConfig.standalone(address);
  }
}
