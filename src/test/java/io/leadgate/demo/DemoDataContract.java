package io.leadgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.core.Resources;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bundled demo with {@code demo: {data: true}}, on the in-memory store and on a real Redis: what the APIs the
 * console reads show right after start. One gateway per class (filling the month takes seconds); the determinism
 * test starts a second one on an empty store and compares.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoDataContract {
  static final String AUTH = "Bearer demo-api-key-change-me";
  static final List<String> STAGES = List.of("subscriber", "lead", "mql", "sql", "opportunity", "customer",
      "evangelist", "disqualified");

  /** Both runs of a class end their month at this instant: what the seed fixes is the month for a given end. */
  // The month ends in the evening of a whole day: a month ending at the real "now" ends on a day that, just after
  // midnight, has had no visits yet (true to life, but not what these tests look at).
  static final Instant END = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(18, 0).toInstant(ZoneOffset.UTC);

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(demoYaml()).clock(() -> new TestClock(END));

  JsonObject firstRun;

  static String demoYaml() {
    return new String(Resources.read(ConfigLoader.BUNDLED_DEMO), StandardCharsets.UTF_8) + "\ndemo: {data: true}\n";
  }

  @BeforeAll
  void startWithDemoData() {
    firstRun = summary();
  }

  static String range() {
    LocalDate today = END.atZone(ZoneOffset.UTC).toLocalDate();
    return "from=" + today.minusDays(DemoMonth.DAYS - 1) + "&to=" + today;
  }

  JsonObject api(String path) {
    var response = api.http().get(path, "Authorization", AUTH);
    assertEquals(200, response.statusCode(), path + ": " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  JsonArray leads(String stage) {
    return api("/api/leads?site=demo&limit=100&stage=" + stage).getJsonArray("leads");
  }

  /** The counts a second run must repeat: traffic, funnel, forms and leads per stage. */
  JsonObject summary() {
    JsonObject stats = api("/api/sites/demo/stats?" + range());
    JsonObject funnel = api("/api/sites/demo/funnel?" + range());
    JsonObject forms = api("/api/sites/demo/forms?" + range());
    JsonObject perStage = new JsonObject();
    STAGES.forEach(stage -> perStage.put(stage, leads(stage).size()));
    // the unique visitors are left out on Redis: a HyperLogLog estimate of the same visitors may differ by luck
    return new JsonObject().put("events", stats.getJsonObject("totals").getJsonObject("events"))
        .put("pageviews", stats.getJsonObject("totals").getJsonObject("pageviews"))
        .put("funnel", funnel.getJsonArray("steps")).put("disqualified", funnel.getJsonObject("disqualified"))
        .put("forms", forms.getJsonArray("forms")).put("leads", perStage);
  }

  @Test
  void stats_demoMonth_everyDayOfTheMonthHasVisitorsPageViewsDownloadsAndOutboundClicks() {
    JsonObject stats = api("/api/sites/demo/stats?" + range());
    JsonArray days = stats.getJsonArray("days");
    assertEquals(DemoMonth.DAYS, days.size());
    for (int i = 0; i < days.size(); i++) {
      JsonObject day = days.getJsonObject(i);
      assertTrue(day.getLong("visitors") > 0, "no visitors on " + day.getString("day"));
    }
    JsonObject totals = stats.getJsonObject("totals");
    assertTrue(totals.getLong("visitors") > 2000, totals.encode());
    JsonObject events = totals.getJsonObject("events");
    assertTrue(events.getLong("download") > 0 && events.getLong("outbound") > 0, events.encode());
    assertTrue(totals.getJsonObject("sources").fieldNames().containsAll(List.of("google / cpc",
        "linkedin / paid-social", "newsletter / email", "direct")), totals.getJsonObject("sources").encode());
  }

  @Test
  void funnel_demoMonth_everyStageHasLeadsAndDisqualifiedHaveReasons() {
    JsonObject funnel = api("/api/sites/demo/funnel?" + range());
    JsonArray steps = funnel.getJsonArray("steps");
    for (int i = 0; i < steps.size(); i++) {
      assertTrue(steps.getJsonObject(i).getLong("count") > 0, "empty step: " + steps.getJsonObject(i).encode());
    }
    JsonObject disqualified = funnel.getJsonObject("disqualified");
    assertTrue(disqualified.getJsonObject("reasons").fieldNames().contains("free email domain gmail.com"),
        disqualified.encode());
  }

  @Test
  void leadList_demoMonth_hasLeadsInEveryStage() {
    for (String stage : STAGES) {
      assertFalse(leads(stage).isEmpty(), "no lead in stage " + stage);
    }
  }

  @Test
  void formsReport_demoMonth_showsSpamStoppedAndJunkByReason() {
    JsonArray forms = api("/api/sites/demo/forms?" + range()).getJsonArray("forms");
    long spam = 0;
    long junk = 0;
    long created = 0;
    for (int i = 0; i < forms.size(); i++) {
      JsonObject form = forms.getJsonObject(i);
      spam += form.getJsonObject("spam").getLong("total");
      junk += form.getJsonObject("junk").getLong("total");
      created += form.getJsonObject("leads").getLong("created");
    }
    assertTrue(spam > 0 && junk > 0, forms.encode());
    assertTrue(created >= 100, "leads made: " + created);
  }

  @Test
  void lead_sentOnBySales_hasTheDemoUsersStageChangesAndItsAnonymousVisitsBeforeTheForm() {
    String id = leads("customer").getJsonObject(0).getString("id");
    JsonObject lead = api("/api/leads/" + id);
    JsonArray history = lead.getJsonArray("stage_history");
    assertTrue(history.stream().map(JsonObject.class::cast)
        .anyMatch(s -> s.getString("stage").equals("customer") && DemoData.BY.equals(s.getString("by"))
            && s.getString("reason") != null), history.encode());
    long created = lead.getLong("created_at");
    JsonArray timeline = lead.getJsonArray("timeline");
    assertTrue(timeline.stream().map(JsonObject.class::cast)
        .anyMatch(e -> "pageview".equalsIgnoreCase(e.getString("type")) && e.getLong("at", Long.MAX_VALUE) < created),
        timeline.encode());
  }

  @Test
  void webhooks_demoMonth_deliveriesReachedTheDemoCrm() {
    JsonArray deliveries = Eventually.until(
        () -> api("/api/webhooks/" + DemoCrm.ENDPOINT + "/deliveries").getJsonArray("deliveries"),
        list -> list.stream().map(JsonObject.class::cast).anyMatch(d -> "delivered".equals(d.getString("outcome"))));
    assertTrue(deliveries.size() > 10, deliveries.encode());
  }

  @Test
  void demoData_startedAgainOnAnEmptyStore_givesTheSameCounts() {
    api.restartOnAnEmptyStore();
    assertEquals(firstRun, summary());
  }
}
