package io.leadgate.webhooks;

import io.leadgate.testing.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrmPresetOnRedisTest extends CrmPresetSpec {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @BeforeEach
  void flush() {
    redis.flush();
  }

  @Override
  String redisUrl() {
    return redis.url();
  }
}
