package io.leadgate.funnel;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class FunnelApiOnRedisTest extends FunnelApiContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @Override
  String redisUrl() {
    return redis.url();
  }

  @Override
  void resetStore() {
    redis.flush();
  }
}
