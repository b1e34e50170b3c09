package io.leadgate.collect;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Privacy at intake on a standalone Redis. */
class PrivacyIntakeOnRedisTest extends PrivacyIntakeContract {
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
