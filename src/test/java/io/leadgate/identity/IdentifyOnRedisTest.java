package io.leadgate.identity;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class IdentifyOnRedisTest extends IdentifyContract {
  static RedisServer redis;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    startGateway(redis.url());
  }

  @AfterAll
  static void stopRedis() {
    stopGateway();
    redis.close();
  }
}
