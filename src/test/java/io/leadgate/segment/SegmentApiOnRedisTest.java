package io.leadgate.segment;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SegmentApiOnRedisTest extends SegmentApiContract {
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
