package io.leadgate.funnel;

import static io.leadgate.testing.ApiHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/sites/{site}/funnel} over HTTP, on the in-memory store and on a real Redis: visits and forms in,
 * stages changed through the lead API, the funnel out.
 */
abstract class FunnelApiContract {
  static final String KEY = "funnel-key-0123456789abcdef";
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: crm, sha256: %s}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          magnet: {url: "https://cdn.acme.com/ebook.pdf"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
        - id: checklist
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          magnet: {url: "https://cdn.acme.com/checklist.pdf"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      """.formatted(ApiKeyAuth.hash(KEY));
  static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
  static final AtomicInteger UNIQUE = new AtomicInteger();

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perTest(YAML).clock(() -> new TestClock(NOON));

  String visit(String utmSource, String campaign) {
    String visitor = "visitor" + UNIQUE.incrementAndGet() + "abcdefgh";
    JsonObject event = new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "event-" + UNIQUE.incrementAndGet() + "-abcdef")
        .put("type", "pageview").put("url", "https://www.acme.com/");
    if (utmSource != null) {
      event.put("utm", new JsonObject().put("source", utmSource).put("medium", "cpc").put("campaign", campaign));
    }
    HttpResponse<Buffer> response = api.http().post("/e", event.encode(), "Content-Type", "text/plain",
        "Origin", "https://www.acme.com");
    assertEquals(202, response.statusCode(), response.bodyAsString());
    // a form takes its lead's first touch from the visitor's profile: wait until the visit is projected, as a real
    // visitor's page view is long before they send a form (the funnel's splits read that first touch)
    Eventually.until(() -> await(api.stores().visitors().visitor("acme", visitor)),
        java.util.Optional::isPresent);
    return visitor;
  }

  String lead(String visitor, String form) {
    String email = "person" + UNIQUE.incrementAndGet() + "@acme-corp.com";
    JsonObject body = new JsonObject().put("visitor", visitor).put("submission", "submission-" + UNIQUE.incrementAndGet())
        .put("page", "https://www.acme.com/" + form).put("fields", new JsonObject().put("email", email));
    HttpResponse<Buffer> response = api.http().post("/f/" + form, body.encode(), "Content-Type", "application/json",
        "X-Forwarded-For", "10.2.0." + (UNIQUE.incrementAndGet() % 250 + 1));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return Eventually.until(() -> await(api.stores().leads().leadIdByEmail("acme", email)),
        java.util.Optional::isPresent).orElseThrow();
  }

  void stage(String lead, String stage, String reason) {
    HttpResponse<Buffer> response = api.http().post("/api/leads/" + lead + "/stage",
        new JsonObject().put("stage", stage).put("reason", reason).encode(),
        "Authorization", "Bearer " + KEY, "Content-Type", "application/json");
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  JsonObject funnel(String query) {
    HttpResponse<Buffer> response = api.http().get("/api/sites/acme/funnel" + query, "Authorization", "Bearer " + KEY);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** The funnel once the projector has indexed {@code leads} leads and counted {@code visitors} visitors. */
  JsonObject funnelOnce(String query, long visitors, long leads) {
    return Eventually.until(() -> funnel(query), f -> f.getLong("visitors") >= visitors
        && f.getJsonArray("steps").getJsonObject(1).getLong("count") >= leads);
  }

  static long count(JsonObject funnel, String step) {
    JsonArray steps = funnel.getJsonArray("steps");
    return steps.stream().map(JsonObject.class::cast).filter(s -> s.getString("step").equals(step)).findFirst()
        .orElseThrow().getLong("count");
  }

  @Test
  void funnel_visitorsLeadsAndStages_withConversionVelocitySplitsAndDisqualified() {
    String won = lead(visit("google", "spring"), "ebook");
    String dropped = lead(visit("google", "spring"), "checklist");
    lead(visit(null, null), "ebook");
    visit(null, null);
    api.clock().advance(Duration.ofHours(2));
    stage(won, "sql", "called, ready");
    api.clock().advance(Duration.ofHours(3));
    stage(won, "opportunity", "proposal sent");
    stage(dropped, "disqualified", "no budget");

    JsonObject funnel = funnelOnce("?from=2026-11-20&to=2026-11-20", 4, 3);
    assertEquals(4, funnel.getLong("visitors"));
    assertEquals(3, count(funnel, "lead"));
    assertEquals(1, count(funnel, "mql"));
    assertEquals(1, count(funnel, "sql"));
    assertEquals(1, count(funnel, "opportunity"));
    assertEquals(0, count(funnel, "customer"));
    JsonObject leads = funnel.getJsonArray("steps").getJsonObject(1);
    assertEquals(0.75, leads.getDouble("conversion"));
    JsonObject opportunity = funnel.getJsonArray("steps").getJsonObject(4);
    assertEquals(3 * 3600, opportunity.getLong("medianSecondsFromPrevious"));
    assertEquals(2 * 3600, funnel.getJsonArray("steps").getJsonObject(2).getLong("medianSecondsFromPrevious"));
    assertEquals(new JsonObject().put("count", 1L).put("reasons", new JsonObject().put("no budget", 1L)),
        funnel.getJsonObject("disqualified"));
    JsonObject google = funnel.getJsonObject("bySource").getJsonObject("google / cpc");
    assertEquals(2, google.getLong("lead"));
    assertEquals(1, google.getLong("opportunity"));
    assertEquals(1, google.getLong("disqualified"));
    assertEquals(2, funnel.getJsonObject("byCampaign").getJsonObject("spring").getLong("lead"));
    assertEquals(2, funnel.getJsonObject("byMagnet").getJsonObject("ebook").getLong("lead"));
    assertEquals(1, funnel.getJsonObject("byMagnet").getJsonObject("checklist").getLong("disqualified"));
    assertEquals(false, funnel.getBoolean("truncated"));
  }

  @Test
  void funnel_leadsMadeOutsideTheRange_leftOut() {
    lead(visit(null, null), "ebook");
    funnelOnce("?from=2026-11-20&to=2026-11-20", 1, 1);
    api.clock().advance(Duration.ofDays(1));
    lead(visit(null, null), "ebook");
    lead(visit(null, null), "ebook");
    JsonObject nextDay = funnelOnce("?from=2026-11-21&to=2026-11-21", 2, 2);
    assertEquals(2, count(nextDay, "lead"));
    assertEquals(1, count(funnel("?from=2026-11-20&to=2026-11-20"), "lead"));
    assertEquals(3, count(funnel("?from=2026-11-20&to=2026-11-21"), "lead"));
  }

  @Test
  void funnel_unknownSite_404() {
    assertEquals(404, api.http().get("/api/sites/nope/funnel", "Authorization", "Bearer " + KEY).statusCode());
  }

  @Test
  void funnel_toBeforeFrom_400NamingTheField() {
    HttpResponse<Buffer> response = api.http().get("/api/sites/acme/funnel?from=2026-11-21&to=2026-11-20",
        "Authorization", "Bearer " + KEY);
    assertEquals(400, response.statusCode());
    assertEquals("from", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }
}
