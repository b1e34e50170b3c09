package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadErasureTest {
  final DomainEvent erased = LeadErasure.event("acme", "ld_1", 4, 1_000, "0123456789abcdef0123456789abcdef",
      List.of("crm", "erp"));

  @Test
  void event_goesToTheEndpointsItNames_whateverTheirFilters() {
    assertEquals(List.of("crm", "erp"), LeadErasure.targets(erased));
  }

  @Test
  void otherEvents_areLeftToTheFilters() {
    assertNull(LeadErasure.targets(new DomainEvent("evt_ld_1_1", LeadEvents.CREATED, "acme", "ld_1", 1, 1,
        new JsonObject().put("email", "ada@globex.com"))));
  }

  @Test
  void body_carriesTheLeadAndTheHash_notTheEndpointNames() {
    JsonObject body = new JsonObject(PayloadMapper.envelope().body(erased));

    assertEquals("lead.erased", body.getString("type"));
    assertEquals("evt_ld_1_erased", body.getString("id"));
    assertEquals(new JsonObject().put("lead", "ld_1").put("email_hash", "0123456789abcdef0123456789abcdef"),
        body.getJsonObject("data"));
    assertFalse(erased.data().isEmpty());
  }
}
