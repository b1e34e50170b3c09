package io.leadgate.collect;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class CollectApiOnRedisTest extends CollectApiContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @Override
  void resetStore() {
    redis.flush();
  }

  @Override
  String redisUrl() {
    return redis.url();
  }
}
