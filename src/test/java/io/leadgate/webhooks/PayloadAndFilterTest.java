package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadAndFilterTest {
  static final JsonObject LEAD = new JsonObject().put("id", "lead-1").put("site", "acme").put("email", "ann@acme.com")
      .put("stage", "mql").put("score", 55).put("fields", new JsonObject().put("company", "ACME").put("role", "CTO"));

  static DomainEvent event(String type, JsonObject data) {
    return new DomainEvent("evt-1", type, "acme", "lead-1", 3, 1_700_000_000_000L, data);
  }

  static DomainEvent stageChange(String from, String to) {
    return event(LeadEvents.STAGE_CHANGED, LEAD.copy().put("stage", to).put("from", from).put("to", to));
  }

  @Test
  void envelope_isStandardWebhooksShape() {
    JsonObject body = new JsonObject(PayloadMapper.envelope().body(event(LeadEvents.CREATED, LEAD)));
    assertEquals("lead.created", body.getString("type"));
    assertEquals("2023-11-14T22:13:20Z", body.getString("timestamp"));
    assertEquals("evt-1", body.getString("id"));
    assertEquals("lead-1", body.getString("lead"));
    assertEquals(3, body.getInteger("seq"));
    assertEquals("ann@acme.com", body.getJsonObject("data").getString("email"));
  }

  @Test
  void mapping_renamesSelectsNestsAndAddsConstants() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("email", "data.email");
    fields.put("company.name", "data.fields.company");
    fields.put("lifecycle", "data.stage");
    fields.put("event", "type");
    fields.put("phone", "data.fields.phone");
    JsonObject body = new JsonObject(new PayloadMapper(fields, Map.of("source", "leadgate"))
        .body(event(LeadEvents.CREATED, LEAD)));
    assertEquals(new JsonObject().put("source", "leadgate").put("email", "ann@acme.com")
        .put("company", new JsonObject().put("name", "ACME")).put("lifecycle", "mql").put("event", "lead.created"), body);
    assertFalse(body.containsKey("phone"), "a path that leads nowhere leaves its field out");
  }

  @Test
  void filter_byType() {
    EventFilter filter = EventFilter.ofTypes(List.of(LeadEvents.CREATED));
    assertTrue(filter.matches(event(LeadEvents.CREATED, LEAD)));
    assertFalse(filter.matches(event(LeadEvents.UPDATED, LEAD)));
  }

  @Test
  void filter_stageChangeNarrowedToTheStageMovedTo() {
    EventFilter onlySql = new EventFilter(Map.of(LeadEvents.STAGE_CHANGED, Set.of("sql")), Set.of(), null, Set.of());
    assertTrue(onlySql.matches(stageChange("mql", "sql")));
    assertFalse(onlySql.matches(stageChange("lead", "mql")));
  }

  @Test
  void filter_byStageScoreAndSite() {
    Map<String, Set<String>> all = Map.of(LeadEvents.CREATED, Set.of(), LeadEvents.STAGE_CHANGED, Set.of());
    assertTrue(new EventFilter(all, Set.of("mql", "sql"), 50, Set.of("acme")).matches(event(LeadEvents.CREATED, LEAD)));
    assertFalse(new EventFilter(all, Set.of("sql"), null, Set.of()).matches(event(LeadEvents.CREATED, LEAD)));
    assertTrue(new EventFilter(all, Set.of("sql"), null, Set.of()).matches(stageChange("mql", "sql")));
    assertFalse(new EventFilter(all, Set.of(), 60, Set.of()).matches(event(LeadEvents.CREATED, LEAD)));
    assertFalse(new EventFilter(all, Set.of(), null, Set.of("other")).matches(event(LeadEvents.CREATED, LEAD)));
    assertFalse(new EventFilter(all, Set.of(), 10, Set.of()).matches(event(LeadEvents.CREATED, new JsonObject())),
        "no score: a score condition is not met");
  }

  @Test
  void eventsConfig_wholeTypeAndNarrowedStage_combine() {
    EndpointConfig config = EndpointConfigTest.parse("""
          - id: sales
            url: https://crm.example.com/sales
            secret: %s
            events: [lead.created, "lead.stage_changed:sql", "lead.stage_changed:opportunity"]
        """.formatted(EndpointConfigTest.SECRET)).webhooks().get(1);
    EventFilter filter = config.eventFilter();
    assertTrue(filter.matches(event(LeadEvents.CREATED, LEAD)));
    assertTrue(filter.matches(stageChange("mql", "sql")));
    assertTrue(filter.matches(stageChange("sql", "opportunity")));
    assertFalse(filter.matches(stageChange("lead", "mql")));
    assertFalse(filter.matches(event(LeadEvents.DISQUALIFIED, LEAD)));
  }
}
