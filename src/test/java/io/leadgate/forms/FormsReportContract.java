package io.leadgate.forms;

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

/** {@code GET /api/sites/{site}/forms} over HTTP, on the in-memory store and on a real Redis: submissions in, counts out. */
abstract class FormsReportContract {
  static final String KEY = "reports-key-0123456789abcdef";
  static final String YAML = """
      server: {trustedProxies: ["127.0.0.1"]}
      secret: test-secret-0123456789abcdef0123456789
      sites:
        - key: acme
          allowedOrigins: ["https://www.acme.com"]
          timezone: Europe/Berlin
      apiKeys:
        - {name: reports, sha256: %s, role: viewer}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}, {name: role}]
          magnet: {url: "https://cdn.acme.com/ebook.pdf"}
          spam: {minSeconds: 0}
          junk: {roles: [student]}
          rateLimit: {perIp: 0, perEmail: 0}
          pages: [/ebook, /resources/ebook]
        - id: webinar
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          magnet: {url: "https://cdn.acme.com/webinar"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 1}
      """.formatted(ApiKeyAuth.hash(KEY));
  /** Noon in Berlin: the day's submissions stay on that day. */
  static final Instant NOON = Instant.parse("2026-11-20T11:00:00Z");

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perTest(YAML).clock(() -> new TestClock(NOON));
  static final AtomicInteger UNIQUE = new AtomicInteger();
  static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";

  HttpResponse<Buffer> submit(String form, JsonObject fields) {
    JsonObject body = new JsonObject().put("visitor", "visitor" + UNIQUE.incrementAndGet() + "abcdef")
        .put("submission", "submission-" + UNIQUE.incrementAndGet()).put("page", "https://www.acme.com/" + form)
        .put("fields", fields);
    return api.http().post("/f/" + form, body.encode(), "Content-Type", "application/json",
        "X-Forwarded-For", "10.1.0." + (UNIQUE.incrementAndGet() % 250 + 1));
  }

  JsonObject report(String query) {
    HttpResponse<Buffer> response = api.http().get("/api/sites/acme/forms" + query, "Authorization", "Bearer " + KEY);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** The report once it counts {@code submissions} for the form: counting does not hold up a submission's answer. */
  JsonObject reportOnce(String query, String id, long submissions) {
    return Eventually.until(() -> report(query), r -> form(r, id).getLong("submissions") >= submissions);
  }

  static JsonObject form(JsonObject report, String id) {
    return report.getJsonArray("forms").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("form").equals(id)).findFirst().orElseThrow(() -> new AssertionError(report.encode()));
  }

  /** Records a page view of the path on the site, as the snippet sends it. */
  void view(String path) {
    JsonObject view = new JsonObject().put("site", "acme").put("visitor", "visitor" + UNIQUE.incrementAndGet() + "abcdef")
        .put("id", "pageview-" + UNIQUE.incrementAndGet()).put("type", "pageview").put("url", "https://www.acme.com" + path);
    HttpResponse<Buffer> response = api.http().post("/e", new JsonArray().add(view).encode(), "Content-Type", "text/plain",
        "Origin", "https://www.acme.com", "User-Agent", UA);
    assertEquals(202, response.statusCode(), response.bodyAsString());
  }

  @Test
  void report_formWithItsPages_viewsOfThosePagesAndTheShareThatMadeALead() {
    view("/ebook");
    view("/ebook");
    view("/resources/ebook");
    view("/ebook");
    view("/pricing");
    assertEquals(200, submit("ebook", new JsonObject().put("email", "ann@acme-corp.com")).statusCode());
    assertEquals(200, submit("ebook", new JsonObject().put("email", "bob@acme-corp.com")).statusCode());
    JsonObject ebook = form(Eventually.until(() -> report("?from=2026-11-20&to=2026-11-20"),
        r -> form(r, "ebook").getLong("views") == 4 && form(r, "ebook").getLong("submissions") == 2), "ebook");
    assertEquals(new JsonArray().add("/ebook").add("/resources/ebook"), ebook.getJsonArray("pages"));
    assertEquals(0.5, ebook.getDouble("conversion"), 1e-9);
  }

  @Test
  void report_formWithoutPages_noViewsNorConversion() {
    JsonObject webinar = form(report("?from=2026-11-20&to=2026-11-20"), "webinar");
    assertEquals(null, webinar.getValue("views"));
    assertEquals(null, webinar.getValue("conversion"));
  }

  @Test
  void report_countsEachOutcomeOfEachForm() {
    assertEquals(200, submit("ebook", new JsonObject().put("email", "ann@acme-corp.com")).statusCode());
    assertEquals(200, submit("ebook", new JsonObject().put("email", "ann@acme-corp.com")).statusCode());
    assertEquals(200, submit("ebook", new JsonObject().put("email", "bob@acme-corp.com")).statusCode());
    assertEquals(200, submit("ebook", new JsonObject().put("email", "bot@acme-corp.com").put("website", "x")).statusCode());
    assertEquals(200, submit("ebook", new JsonObject().put("email", "sue@uni.edu").put("role", "Student")).statusCode());
    assertEquals(422, submit("ebook", new JsonObject().put("email", "not an email")).statusCode());

    JsonObject ebook = form(reportOnce("?from=2026-11-20&to=2026-11-20", "ebook", 6), "ebook");
    assertEquals(6, ebook.getLong("submissions"));
    assertEquals(new JsonObject().put("created", 2L).put("updated", 1L), ebook.getJsonObject("leads"));
    assertEquals(new JsonObject().put("total", 1L).put("by", new JsonObject().put("honeypot", 1L)),
        ebook.getJsonObject("spam"));
    assertEquals(new JsonObject().put("total", 1L).put("by", new JsonObject().put("role keyword student", 1L)),
        ebook.getJsonObject("junk"));
    assertEquals(1, ebook.getLong("invalid"));
  }

  @Test
  void report_countsRateLimitedSubmissions() {
    assertEquals(200, submit("webinar", new JsonObject().put("email", "eve@acme-corp.com")).statusCode());
    assertEquals(429, submit("webinar", new JsonObject().put("email", "eve@acme-corp.com")).statusCode());
    JsonObject webinar = form(reportOnce("", "webinar", 2), "webinar");
    assertEquals(1, webinar.getJsonObject("rateLimited").getLong("total"));
    assertEquals(1, webinar.getJsonObject("leads").getLong("created"));
  }

  @Test
  void report_aFormWithNothingYet_isListedWithZeros() {
    JsonObject webinar = form(report(""), "webinar");
    assertEquals(0, webinar.getLong("submissions"));
    assertEquals(0, webinar.getJsonObject("leads").getLong("created"));
  }

  @Test
  void report_onlyTheDaysAsked_inTheSitesTimeZone() {
    submit("ebook", new JsonObject().put("email", "day1@acme-corp.com"));
    api.clock().advance(Duration.ofDays(1));
    submit("ebook", new JsonObject().put("email", "day2@acme-corp.com"));
    submit("ebook", new JsonObject().put("email", "day2b@acme-corp.com"));
    JsonObject both = reportOnce("?from=2026-11-20&to=2026-11-21", "ebook", 3);
    assertEquals(1, form(report("?from=2026-11-20&to=2026-11-20"), "ebook").getLong("submissions"));
    assertEquals(2, form(report("?from=2026-11-21&to=2026-11-21"), "ebook").getLong("submissions"));
    assertEquals(3, form(both, "ebook").getLong("submissions"));
    assertEquals("Europe/Berlin", both.getString("timezone"));
  }

  @Test
  void report_defaultRange_endsToday() {
    submit("ebook", new JsonObject().put("email", "today@acme-corp.com"));
    JsonObject report = reportOnce("", "ebook", 1);
    assertEquals("2026-11-20", report.getString("to"));
    assertEquals("2026-11-14", report.getString("from"));
    assertEquals(1, form(report, "ebook").getLong("submissions"));
  }

  @Test
  void report_unknownSite_404() {
    assertEquals(404, api.http().get("/api/sites/nope/forms", "Authorization", "Bearer " + KEY).statusCode());
  }

  @Test
  void report_badDay_400NamingTheField() {
    HttpResponse<Buffer> response = api.http().get("/api/sites/acme/forms?from=yesterday", "Authorization", "Bearer " + KEY);
    assertEquals(400, response.statusCode());
    assertEquals("from", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void report_withoutKey_401() {
    assertEquals(401, api.http().get("/api/sites/acme/forms").statusCode());
  }
}
