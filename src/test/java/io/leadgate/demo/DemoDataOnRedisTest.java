package io.leadgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

@RunsOn(Kind.SERVER)
class DemoDataOnRedisTest extends DemoDataContract {
  @Test
  void demoData_onARedisThatHoldsLeads_refusesToStart() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> TestGateway.start(demoYaml(), api.store().url(), new TestClock(END)).close());
    Throwable cause = refused.getCause();
    assertTrue(cause.getMessage().contains("already holds leads of site demo"), cause.getMessage());
  }

  @Test
  void demoData_nonEmptyAllowedOnTheSameDay_startsAndCountsNoEventTwice() {
    String again = demoYaml().replace("demo: {data: true}", "demo: {data: true, nonEmpty: true}");
    JsonObject before = api("/api/sites/demo/stats?" + range()).getJsonObject("totals").getJsonObject("events");
    try (TestGateway second = TestGateway.start(again, api.store().url(), new TestClock(END))) {
      assertEquals(before, api("/api/sites/demo/stats?" + range()).getJsonObject("totals").getJsonObject("events"));
    }
  }
}
