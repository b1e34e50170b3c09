package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.webhooks.DeliveryLog.Attempt;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Speed-to-lead from an endpoint's delivery log, without Vert.x or a store. */
class SpeedToLeadTest {

  static Attempt delivered(String type, long eventAt, long at) {
    return new Attempt(at, "crm", "e" + at, type, "lead-" + at, 1, 200, "delivered", 5, null, null, eventAt);
  }

  @Test
  void tenLeads_medianAndP90AreTheNearestRanks() {
    List<Attempt> log = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      log.add(delivered("lead.created", 1000, 1000 + i * 100L));
    }
    JsonObject speed = SpeedToLead.of(log, 0, Long.MAX_VALUE);
    assertEquals(10, speed.getInteger("leads"));
    assertEquals(500L, speed.getLong("medianMs"));
    assertEquals(900L, speed.getLong("p90Ms"));
    assertEquals(1000L, speed.getLong("maxMs"));
  }

  @Test
  void failedAttemptsOtherEventsAndDeliveriesOutsideTheRange_leftOut() {
    List<Attempt> log = List.of(
        delivered("lead.created", 100, 200),
        new Attempt(300, "crm", "e3", "lead.created", "lead-3", 1, 500, "retrying", 5, null, null, 100),
        delivered("lead.stage_changed", 100, 400),
        delivered("lead.created", 0, 500),
        delivered("lead.created", 100, 5000));
    JsonObject speed = SpeedToLead.of(log, 0, 5000);
    assertEquals(1, speed.getInteger("leads"));
    assertEquals(100L, speed.getLong("medianMs"));
  }

  @Test
  void noLeadDelivered_timesAreNull() {
    JsonObject speed = SpeedToLead.of(List.of(), 0, 10);
    assertEquals(0, speed.getInteger("leads"));
    assertNull(speed.getLong("medianMs"));
    assertNull(speed.getLong("p90Ms"));
  }
}
