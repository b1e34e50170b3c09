package io.leadgate.stats;

import static io.leadgate.testing.ApiHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The traffic report over HTTP, on the in-memory store and on a real Redis: events in, the report out. */
abstract class StatsApiContract {
  static final String KEY = "stats-api-key-0123456789";
  static final String YAML = """
      sites:
        - key: acme
          allowedOrigins: ["*"]
        - key: other
        - key: berlin
          timezone: Europe/Berlin
      apiKeys:
        - {name: reports, sha256: %s}
      """.formatted(ApiKeyAuth.hash(KEY));
  /** Noon UTC: a day's events stay on that day whatever the test does within it. */
  static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perTest(YAML).clock(() -> new TestClock(NOON));

  @Test
  void pageViewsAndDownloads_showUpInTheDaysReportOnceProjected() {
    String visitor = visitor();
    pageview(visitor, "https://www.acme.com/pricing");
    pageview(visitor, "https://www.acme.com/pricing?ref=x");
    send(event(visitor, "download", "https://www.acme.com/guide.pdf"));
    JsonObject report = reportWhen("?from=2026-11-20&to=2026-11-20", r -> total(r, "events", "pageview") == 2
        && total(r, "events", "download") == 1);
    JsonObject day = report.getJsonArray("days").getJsonObject(0);
    assertEquals("2026-11-20", day.getString("day"));
    assertEquals(2L, day.getJsonObject("pageviews").getLong("/pricing"));
    assertEquals(1L, day.getJsonObject("downloads").getLong("https://www.acme.com/guide.pdf"));
    assertEquals(1L, day.getLong("visitors"));
  }

  @Test
  void aVisitorOnTwoDays_isOneVisitorInTheTotalsAndOneOnEachDay() {
    String visitor = visitor();
    pageview(visitor, "https://www.acme.com/");
    reportWhen("?from=2026-11-20&to=2026-11-20", r -> total(r, "events", "pageview") == 1);
    api.clock().advance(Duration.ofDays(1));
    pageview(visitor, "https://www.acme.com/");
    pageview(visitor(), "https://www.acme.com/");
    JsonObject report = reportWhen("?from=2026-11-20&to=2026-11-21", r -> total(r, "events", "pageview") == 3);
    assertEquals(2L, report.getJsonObject("totals").getLong("visitors"));
    assertEquals(1L, report.getJsonArray("days").getJsonObject(0).getLong("visitors"));
    assertEquals(2L, report.getJsonArray("days").getJsonObject(1).getLong("visitors"));
  }

  @Test
  void noRange_isTheLastSevenDaysUpToToday() {
    JsonObject report = ok(get("/api/sites/acme/stats", KEY));
    assertEquals("2026-11-14", report.getString("from"));
    assertEquals("2026-11-20", report.getString("to"));
    assertEquals(7, report.getJsonArray("days").size());
    assertEquals(0L, report.getJsonObject("totals").getLong("visitors"));
  }

  @Test
  void otherSitesEvents_areNotInTheReport() {
    pageview(visitor(), "https://www.acme.com/");
    reportWhen("", r -> total(r, "events", "pageview") == 1);
    assertEquals(0, ok(get("/api/sites/other/stats", KEY)).getJsonObject("totals").getJsonObject("events").size());
  }

  @Test
  void aSiteInAnotherTimeZone_countsAndReportsItsOwnDays() {
    api.clock().advance(Duration.ofMinutes(11 * 60 + 30)); // 23:30 UTC on the 20th: already 00:30 on the 21st in Berlin
    send(event(visitor(), "pageview", "https://www.berlin.example/").put("site", "berlin"));
    JsonObject report = Eventually.until(() -> ok(get("/api/sites/berlin/stats", KEY)),
        r -> total(r, "events", "pageview") == 1);
    assertEquals("2026-11-21", report.getString("to"));
    assertEquals("Europe/Berlin", report.getString("timezone"));
    JsonObject lastDay = report.getJsonArray("days").getJsonObject(6);
    assertEquals("2026-11-21", lastDay.getString("day"));
    assertEquals(1L, lastDay.getJsonObject("events").getLong("pageview"));
    assertEquals("2026-11-20", ok(get("/api/sites/acme/stats", KEY)).getString("to"));
  }

  @Test
  void aDayThatIsNotADate_gets400NamingTheField() {
    HttpResponse<Buffer> response = get("/api/sites/acme/stats?from=20-11-2026", KEY);
    assertEquals(400, response.statusCode());
    assertEquals("from", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void fromAfterTo_gets400() {
    HttpResponse<Buffer> response = get("/api/sites/acme/stats?from=2026-11-21&to=2026-11-20", KEY);
    assertEquals(400, response.statusCode());
    assertEquals("from", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void aRangeOverNinetyTwoDays_gets400() {
    assertEquals(200, get("/api/sites/acme/stats?from=2026-08-21&to=2026-11-20", KEY).statusCode());
    assertEquals(400, get("/api/sites/acme/stats?from=2026-08-20&to=2026-11-20", KEY).statusCode());
  }

  @Test
  void anUnknownSite_gets404() {
    assertEquals(404, get("/api/sites/nope/stats", KEY).statusCode());
  }

  @Test
  void noApiKey_gets401() {
    assertEquals(401, get("/api/sites/acme/stats", null).statusCode());
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  static String visitor() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static JsonObject event(String visitor, String type, String url) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e" + visitor().substring(0, 24))
        .put("type", type).put("url", url);
  }

  void pageview(String visitor, String url) {
    send(event(visitor, "pageview", url));
  }

  void send(JsonObject event) {
    HttpResponse<Buffer> response = await(api.client().post("/e").putHeader("Content-Type", "text/plain")
        .putHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120 Safari/537.36")
        .sendBuffer(Buffer.buffer(event.encode())));
    assertEquals(202, response.statusCode(), response.bodyAsString());
  }

  HttpResponse<Buffer> get(String path, String key) {
    var request = api.client().get(path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return await(request.send());
  }

  JsonObject reportWhen(String query, java.util.function.Predicate<JsonObject> done) {
    return Eventually.until(() -> ok(get("/api/sites/acme/stats" + query, KEY)), done);
  }

  static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  static long total(JsonObject report, String kind, String name) {
    Long n = report.getJsonObject("totals").getJsonObject(kind).getLong(name);
    return n == null ? 0 : n;
  }

}
