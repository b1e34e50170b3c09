package io.leadgate.webhooks;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

class DeliveryOnRedisTest extends DeliverySpec {
  static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void flush() {
    redis.flush();
  }

  @Override
  String redisUrl() {
    return redis.url();
  }
}
