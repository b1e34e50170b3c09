package io.leadgate.testing;

import io.leadgate.config.RedisConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The store address the suites pass around as one string (their {@code redisUrl()}), turned into the gateway's
 * Redis settings: {@code redis://host:port} is a standalone server ({@link RedisServer#url()}),
 * {@code redis-cluster://host:port,host:port,…} the seeds of a cluster ({@link RedisCluster#url()}),
 * {@code redis-sentinel://MASTER@host:port,…} the sentinels of a master ({@link RedisSentinels#url()}). So a contract
 * suite runs on a cluster by handing it the cluster's address, with no change to the suite.
 */
public final class TestRedis {
  private static final String CLUSTER = "redis-cluster://";
  private static final String SENTINEL = "redis-sentinel://";

  private TestRedis() {
  }

  public static RedisConfig config(String address) {
    if (address.startsWith(CLUSTER)) {
      List<String> seeds = Arrays.stream(address.substring(CLUSTER.length()).split(","))
          .map(node -> "redis://" + node).toList();
      return RedisConfig.cluster(seeds);
    }
    if (address.startsWith(SENTINEL)) {
      String rest = address.substring(SENTINEL.length());
      String master = rest.substring(0, rest.indexOf('@'));
      List<String> sentinels = Arrays.stream(rest.substring(rest.indexOf('@') + 1).split(","))
          .map(node -> "redis://" + node).toList();
      return RedisConfig.sentinel(sentinels, master);
    }
    return RedisConfig.standalone(address);
  }
}
