package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AofBarrierTest {

  @Test
  void supportsWaitAof_redis72WithAof_true() {
    assertTrue(AofBarrier.supportsWaitAof("# Server\r\nredis_version:7.2.4\r\n# Persistence\r\naof_enabled:1\r\n"));
  }

  @Test
  void supportsWaitAof_redis70_false() {
    assertFalse(AofBarrier.supportsWaitAof("redis_version:7.0.15\r\naof_enabled:1\r\n"));
  }

  @Test
  void supportsWaitAof_aofOff_false() {
    assertFalse(AofBarrier.supportsWaitAof("redis_version:8.0.1\r\naof_enabled:0\r\n"));
  }
}
