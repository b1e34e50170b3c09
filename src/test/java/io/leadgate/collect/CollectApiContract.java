package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.identity.Visitor;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The collection API as a browser uses it; run against the in-memory store and against a real Redis. */
abstract class CollectApiContract {
  static final String YAML = """
      server: {bodyLimit: 4096}
      sites:
        - key: acme
          allowedOrigins: ["https://www.acme.com"]
        - key: open
          allowedOrigins: ["https://open.example"]
          botFilter: false
      """;

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perTest(YAML);


  /** Empties the store a previous test wrote to. */
  void resetStore() {
  }

  static String visitorId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static JsonObject pageview(String visitor, String url) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e" + visitorId().substring(0, 20))
        .put("type", "pageview").put("url", url).put("title", "ACME");
  }

  HttpResponse<Buffer> send(Object body) {
    return api.http().post("/e", body.toString(), "Content-Type", "text/plain", "Origin", "https://www.acme.com");
  }

  Visitor visitorEventually(String site, String visitor, long pageviews) {
    return Eventually.until(() -> lookup(site, visitor),
        v -> v.isPresent() && v.get().counts().getLong("pageviews") >= pageviews).orElseThrow();
  }

  Optional<Visitor> lookup(String site, String visitor) {
    try {
      return api.stores().visitors().visitor(site, visitor).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  io.leadgate.stats.DailyStats daily(String site) {
    try {
      return api.stores().stats().daily(site, LocalDate.now(ZoneOffset.UTC)).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonObject error(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error");
  }

  @Test
  void oneEvent_isAcceptedWith202AndRecordedOnTheVisitor() {
    String visitor = visitorId();
    HttpResponse<Buffer> response = send(pageview(visitor, "https://www.acme.com/pricing"));
    assertEquals(202, response.statusCode(), response.bodyAsString());
    assertEquals(1, response.bodyAsJsonObject().getInteger("accepted"));
    Visitor stored = visitorEventually("acme", visitor, 1);
    assertEquals("https://www.acme.com/pricing", stored.landingPage());
    assertEquals(1, stored.sessions());
  }

  @Test
  void batch_isStoredWhole() {
    String visitor = visitorId();
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 5; i++) {
      batch.add(pageview(visitor, "https://www.acme.com/p" + i));
    }
    batch.add(pageview(visitor, "https://www.acme.com/files/guide.pdf").put("type", "download"));
    assertEquals(202, send(batch).statusCode());
    Visitor stored = visitorEventually("acme", visitor, 5);
    assertEquals(1, Eventually.until(() -> lookup("acme", visitor).orElseThrow().counts().getLong("downloads"),
        n -> n == 1));
    assertEquals(1, stored.sessions());
  }

  @Test
  void replayedEventId_isAcceptedAndStoredOnce() {
    String visitor = visitorId();
    JsonObject event = pageview(visitor, "https://www.acme.com/");
    assertEquals(202, send(event).statusCode());
    assertEquals(202, send(event).statusCode());
    send(pageview(visitor, "https://www.acme.com/next"));
    Visitor stored = visitorEventually("acme", visitor, 2);
    assertEquals(2, stored.counts().getLong("pageviews"));
  }

  @Test
  void firstAndLastTouch_areKeptApart() {
    String visitor = visitorId();
    send(pageview(visitor, "https://www.acme.com/?utm_source=news").put("utm", new JsonObject()
        .put("source", "newsletter").put("medium", "email")));
    visitorEventually("acme", visitor, 1);
    send(pageview(visitor, "https://www.acme.com/x").put("referrer", "https://www.google.com/"));
    send(pageview(visitor, "https://www.acme.com/y"));
    Visitor stored = visitorEventually("acme", visitor, 3);
    assertEquals("newsletter / email", stored.firstTouch().getString("source"));
    assertEquals("www.google.com / referral", stored.lastTouch().getString("source"));
  }

  @Test
  void timeline_holdsTheEventsNewestFirst() throws Exception {
    String visitor = visitorId();
    send(pageview(visitor, "https://www.acme.com/a"));
    visitorEventually("acme", visitor, 1);
    send(pageview(visitor, "https://www.acme.com/b"));
    visitorEventually("acme", visitor, 2);
    List<JsonObject> timeline = api.stores().visitors().timeline("acme", visitor, 10)
        .await(5, TimeUnit.SECONDS);
    assertEquals(List.of("https://www.acme.com/b", "https://www.acme.com/a"),
        timeline.stream().map(e -> e.getString("url")).toList());
  }

  @Test
  void dailyAggregates_countPathsVisitorsDownloadsAndSources() throws Exception {
    String first = visitorId();
    String second = visitorId();
    send(pageview(first, "https://www.acme.com/pricing?plan=pro").put("referrer", "https://news.ycombinator.com/"));
    send(pageview(second, "https://www.acme.com/pricing"));
    send(pageview(second, "https://www.acme.com/files/guide.pdf?x=1").put("type", "download"));
    // the day's counts are written after the visitor's record: wait for them, not for the visitors
    var stats = Eventually.until(() -> daily("acme"),
        d -> d.events().values().stream().mapToLong(Long::longValue).sum() == 3);
    assertEquals(2L, stats.pageviews().get("/pricing"));
    assertEquals(2, stats.uniqueVisitors());
    assertEquals(1L, stats.downloads().get("https://www.acme.com/files/guide.pdf"));
    assertEquals(1L, stats.sources().get("news.ycombinator.com / referral"));
    assertEquals(1L, stats.sources().get("direct"));
  }

  @Test
  void pixel_answersAGifAndRecordsTheEvent() {
    String visitor = visitorId();
    HttpResponse<Buffer> response = api.http().get("/p.gif?site=acme&visitor=" + visitor
        + "&url=https%3A%2F%2Fwww.acme.com%2Fnewsletter&utm_source=mail&utm_medium=email&id=px-00000001");
    assertEquals(200, response.statusCode());
    assertEquals("image/gif", response.getHeader("Content-Type"));
    assertTrue(response.body().length() > 30);
    assertEquals("mail / email", visitorEventually("acme", visitor, 1).firstTouch().getString("source"));
  }

  @Test
  void invalidJson_gets400WithAProblemBody() {
    HttpResponse<Buffer> response = send("{\"site\": ");
    assertEquals(400, response.statusCode());
    assertEquals("invalid_json", error(response).getString("code"));
  }

  @Test
  void badFieldInABatch_storesTheOtherEventsAndNamesTheEventAndTheField() {
    String visitor = visitorId();
    JsonArray batch = new JsonArray().add(pageview(visitor, "https://www.acme.com/"))
        .add(pageview(visitorId(), "not a url")).add(pageview(visitor, "https://www.acme.com/next"));
    HttpResponse<Buffer> response = send(batch);
    assertEquals(202, response.statusCode());
    JsonObject answer = response.bodyAsJsonObject();
    assertEquals(2, answer.getInteger("accepted"));
    JsonObject rejected = answer.getJsonArray("rejected").getJsonObject(0);
    assertEquals(1, rejected.getInteger("index"));
    assertEquals("[1].url", rejected.getString("field"));
    assertEquals("invalid_field", rejected.getString("error"));
    assertEquals(2, visitorEventually("acme", visitor, 2).counts().getLong("pageviews"));
  }

  @Test
  void batchWithNoValidEvent_gets400NamingTheFirstEventAndField() {
    JsonArray batch = new JsonArray().add(pageview(visitorId(), "not a url")).add(pageview(visitorId(), "nor this"));
    HttpResponse<Buffer> response = send(batch);
    assertEquals(400, response.statusCode());
    assertEquals("[0].url", error(response).getString("field"));
  }

  @Test
  void batchOverFifty_gets400() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 51; i++) {
      batch.add(new JsonObject().put("x", i));
    }
    HttpResponse<Buffer> response = send(batch);
    assertEquals(400, response.statusCode());
    assertEquals("batch_too_large", error(response).getString("code"));
  }

  @Test
  void chunkedBodyOverTheLimit_gets413() throws Exception {
    io.vertx.core.http.HttpClient client = api.vertx().createHttpClient();
    try {
      var answer = client.request(io.vertx.core.http.HttpMethod.POST, api.port(), "localhost", "/e")
          .compose(request -> {
            request.setChunked(true).putHeader("Content-Type", "text/plain");
            for (int i = 0; i < 4; i++) {
              request.write("[" + " ".repeat(2000) + "]");
            }
            return request.end().compose(v -> request.response());
          })
          .compose(response -> response.body().map(body -> response.statusCode() + " " + body))
          .await(10, TimeUnit.SECONDS);
      assertTrue(answer.startsWith("413 ") && answer.contains("body_too_large"), answer);
    } finally {
      client.close();
    }
  }

  @Test
  void anAnswerToEvents_carriesTheCorsHeadersForItsOrigin() {
    HttpResponse<Buffer> response = send(pageview(visitorId(), "https://www.acme.com/"));
    assertEquals(202, response.statusCode());
    assertEquals("https://www.acme.com", response.getHeader("Access-Control-Allow-Origin"));
    assertEquals("Retry-After", response.getHeader("Access-Control-Expose-Headers"));
    assertEquals("Origin", response.getHeader("Vary"));
  }

  @Test
  void postedEvents_areCountedInTheRequestMetrics() {
    assertEquals(202, send(pageview(visitorId(), "https://www.acme.com/")).statusCode());
    String metrics = api.http().get("/metrics").bodyAsString();
    assertTrue(metrics.contains("leadgate_http_requests_seconds_count{method=\"POST\",route=\"/e\",status=\"202\"}"), metrics);
  }

  @Test
  void projectionsFullSpeed_isPublishedInTheMetrics() {
    String metrics = api.http().get("/metrics").bodyAsString();
    assertTrue(metrics.contains("# TYPE leadgate_projection_full_speed gauge"), metrics);
  }

  @Test
  void bodyOverTheLimit_gets413() {
    HttpResponse<Buffer> response = send(pageview(visitorId(), "https://www.acme.com/").put("title", "x".repeat(5000)));
    assertEquals(413, response.statusCode());
    assertEquals("body_too_large", error(response).getString("code"));
  }

  @Test
  void originTheSiteDoesNotAllow_gets403() {
    HttpResponse<Buffer> response = api.http().post("/e", pageview(visitorId(), "https://evil.example/").encode(),
        "Content-Type", "text/plain", "Origin", "https://evil.example");
    assertEquals(403, response.statusCode());
    assertEquals("origin_not_allowed", error(response).getString("code"));
  }

  @Test
  void unknownSiteKey_gets404() {
    HttpResponse<Buffer> response = send(pageview(visitorId(), "https://www.acme.com/").put("site", "nosuch"));
    assertEquals(404, response.statusCode());
    assertEquals("unknown_site", error(response).getString("code"));
  }

  @Test
  void formEncodedBody_gets415() {
    HttpResponse<Buffer> response = api.http().post("/e", "site=acme", "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(415, response.statusCode());
  }

  @Test
  void botUserAgent_isAnsweredButNothingIsStored() {
    String visitor = visitorId();
    HttpResponse<Buffer> response = api.http().post("/e", pageview(visitor, "https://www.acme.com/").encode(),
        "Content-Type", "text/plain", "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)");
    assertEquals(202, response.statusCode());
    assertEquals(0, response.bodyAsJsonObject().getInteger("accepted"));
    assertEquals("bot", response.bodyAsJsonObject().getString("reason"));
    String human = visitorId();
    send(pageview(human, "https://www.acme.com/"));
    visitorEventually("acme", human, 1);
    assertTrue(lookup("acme", visitor).isEmpty());
  }

  @Test
  void siteWithoutBotFilter_keepsBotEvents() {
    String visitor = visitorId();
    api.http().post("/e", pageview(visitor, "https://open.example/").put("site", "open").encode(),
        "Content-Type", "text/plain", "User-Agent", "curl/8.0");
    visitorEventually("open", visitor, 1);
  }

  @Test
  void preflight_isAnsweredForAnAllowedOriginAndCachedForADay() {
    HttpResponse<Buffer> response = api.http().send(io.vertx.core.http.HttpMethod.OPTIONS, "/e", null,
        "Origin", "https://www.acme.com", "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "content-type");
    assertEquals(204, response.statusCode());
    assertEquals("https://www.acme.com", response.getHeader("Access-Control-Allow-Origin"));
    assertEquals("86400", response.getHeader("Access-Control-Max-Age"));
  }

  @Test
  void preflight_fromAnUnknownOrigin_gets403() {
    HttpResponse<Buffer> response = api.http().send(io.vertx.core.http.HttpMethod.OPTIONS, "/e", null,
        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
    assertEquals(403, response.statusCode());
  }

  @Test
  void ipAddress_isKeptTruncatedByDefault() {
    String visitor = visitorId();
    send(pageview(visitor, "https://www.acme.com/"));
    assertEquals("127.0.0.0", visitorEventually("acme", visitor, 1).ip());
  }

  @Test
  void unknownPath_gets404Json() {
    HttpResponse<Buffer> response = api.http().get("/nope");
    assertEquals(404, response.statusCode());
    assertEquals("not_found", error(response).getString("code"));
  }

  @Test
  void wrongMethod_gets405Json() {
    HttpResponse<Buffer> response = api.http().get("/e");
    assertEquals(405, response.statusCode());
    assertEquals("method_not_allowed", error(response).getString("code"));
  }
}
