package io.leadgate.http;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayFuzzOnRedisTest extends GatewayFuzzContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @Override
  String redisUrl() {
    return redis.url();
  }
}
