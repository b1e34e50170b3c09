package io.leadgate.accounts;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AccountsApiOnRedisTest extends AccountsApiContract {
  static RedisServer redis;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    startGateway(redis.url());
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }
}
