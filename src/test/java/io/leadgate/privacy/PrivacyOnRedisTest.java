package io.leadgate.privacy;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PrivacyOnRedisTest extends PrivacyContract {
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
