package io.leadgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.RedisServer;
import io.vertx.core.json.JsonObject;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoDataOnRedisTest extends DemoDataContract {
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

  @Test
  void demoData_onARedisThatHoldsLeads_refusesToStart() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> TestGateway.start(demoYaml(), redisUrl(), new TestClock(END)).close());
    Throwable cause = refused.getCause();
    assertTrue(cause.getMessage().contains("already holds leads of site demo"), cause.getMessage());
  }

  @Test
  void demoData_nonEmptyAllowedOnTheSameDay_startsAndCountsNoEventTwice() {
    String again = demoYaml().replace("demo: {data: true}", "demo: {data: true, nonEmpty: true}");
    JsonObject before = api("/api/sites/demo/stats?" + range()).getJsonObject("totals").getJsonObject("events");
    try (TestGateway second = TestGateway.start(again, redisUrl(), new TestClock(END))) {
      assertEquals(before, api("/api/sites/demo/stats?" + range()).getJsonObject("totals").getJsonObject("events"));
    }
  }
}
