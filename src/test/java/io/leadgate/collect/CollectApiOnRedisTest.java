package io.leadgate.collect;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class CollectApiOnRedisTest extends CollectApiContract {
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  void resetStore() {
    redis.flush();
  }

  @Override
  String redisUrl() {
    return redis.url();
  }
}
