package io.leadgate.segment;

import static io.leadgate.testing.ApiHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.identity.Visitor;
import io.leadgate.stats.DailyStats;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Segment's HTTP Tracking API at {@code /v1/*} (issue 16), over HTTP with a write key, on every store: what each
 * call becomes, who may send, the size limits, and that a message sent again is stored and counted once.
 */
abstract class SegmentApiContract {
  static final String ACME_KEY = "acme-write-key-0123456789";
  static final String BETA_KEY = "beta-write-key-0123456789";
  static final String API_KEY = "test-api-key-0123456789";
  /** What analytics-node sends as its user agent: a bot to the snippet's filter, a source here. */
  static final String SDK_UA = "analytics-node-next/latest";
  static final String YAML = """
      secret: test-secret-0123456789abcdef0123456789
      sites:
        - key: acme
          allowedOrigins: ["https://www.acme.com"]
          writeKeys: [{name: backend, sha256: %s}]
        - key: beta
          allowedOrigins: ["https://beta.example"]
          writeKeys: [{name: backend, sha256: %s}]
        - key: nokeys
          allowedOrigins: ["https://nokeys.example"]
      apiKeys:
        - {name: crm, sha256: %s}
      segment:
        downloadEvents: ["Download", "File Downloaded", "Whitepaper Fetched"]
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      """.formatted(ApiKeyAuth.hash(ACME_KEY), ApiKeyAuth.hash(BETA_KEY), ApiKeyAuth.hash(API_KEY));

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(YAML);

  static String anonymousId() {
    return ApiHarness.visitor();
  }

  static String basic(String writeKey) {
    return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<Buffer> post(String path, String authorization, byte[] body, String... headers) {
    HttpRequest<Buffer> request = api.client().post(path).putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", SDK_UA);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  static HttpResponse<Buffer> send(String path, JsonObject body) {
    return post(path, basic(ACME_KEY), body.encode().getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<Buffer> accepted(String path, JsonObject body) {
    HttpResponse<Buffer> response = send(path, body);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonObject().put("success", true), response.bodyAsJsonObject());
    return response;
  }

  static JsonObject track(String anonymousId, String event) {
    return new JsonObject().put("anonymousId", anonymousId).put("event", event).put("messageId", "m-" + anonymousId())
        .put("properties", new JsonObject().put("plan", "pro").put("seats", 12));
  }

  static JsonObject page(String anonymousId, String url) {
    return new JsonObject().put("anonymousId", anonymousId).put("name", "Pricing").put("messageId", "m-" + anonymousId())
        .put("properties", new JsonObject().put("url", url).put("title", "ACME pricing"));
  }

  static Optional<Visitor> visitor(String site, String id) {
    return await(api.stores().visitors().visitor(site, id));
  }

  static Visitor visitorWith(String site, String id, String counter, long count) {
    return Eventually.until(() -> visitor(site, id),
        v -> v.isPresent() && v.get().counts().getLong(counter, 0L) >= count).orElseThrow();
  }

  static List<JsonObject> timeline(String site, String id) {
    return await(api.stores().visitors().timeline(site, id, 50));
  }

  static DailyStats today(String site) {
    return await(api.stores().stats().daily(site, LocalDate.now(ZoneOffset.UTC)));
  }

  static JsonObject error(HttpResponse<Buffer> response) {
    assertEquals("application/json", response.getHeader("Content-Type"));
    return response.bodyAsJsonObject().getJsonObject("error");
  }

  // --- who may send ---

  @Test
  void track_withoutAuthorization_is401WithJsonAndABasicChallenge() {
    HttpResponse<Buffer> response = post("/v1/track", null, track(anonymousId(), "Signed Up").encode().getBytes());
    assertEquals(401, response.statusCode());
    assertEquals("missing_write_key", error(response).getString("code"));
    assertEquals("Basic realm=\"leadgate\"", response.getHeader("WWW-Authenticate"));
  }

  @Test
  void track_unknownWriteKey_is401() {
    HttpResponse<Buffer> response = post("/v1/track", basic("not-a-key"), track(anonymousId(), "x").encode().getBytes());
    assertEquals(401, response.statusCode());
    assertEquals("invalid_write_key", error(response).getString("code"));
  }

  @Test
  void track_apiKeyAsBearer_is401() {
    HttpResponse<Buffer> response = post("/v1/track", "Bearer " + API_KEY, track(anonymousId(), "x").encode().getBytes());
    assertEquals(401, response.statusCode());
    assertEquals("missing_write_key", error(response).getString("code"));
  }

  @Test
  void writeKeyOfAnotherSite_recordsTheEventOnThatSiteOnly() {
    String id = anonymousId();
    HttpResponse<Buffer> response = post("/v1/page", basic(BETA_KEY),
        page(id, "https://beta.example/").encode().getBytes());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    visitorWith("beta", id, "pageviews", 1);
    assertTrue(visitor("acme", id).isEmpty());
  }

  // --- what each call becomes ---

  @Test
  void track_isACustomEventWithItsNameAndScalarProperties() {
    String id = anonymousId();
    accepted("/v1/track", track(id, "Signed Up").put("properties", new JsonObject().put("plan", "pro")
        .put("seats", 12).put("nested", new JsonObject().put("a", 1))));
    visitorWith("acme", id, "custom", 1);
    JsonObject entry = timeline("acme", id).get(0);
    assertEquals("custom", entry.getString("type"));
    assertEquals("Signed Up", entry.getString("name"));
    assertEquals(new JsonObject().put("plan", "pro").put("seats", 12), entry.getJsonObject("props"));
  }

  @Test
  void track_downloadEventName_isADownloadOfItsUrl() {
    String id = anonymousId();
    accepted("/v1/track", track(id, "File Downloaded").put("properties",
        new JsonObject().put("url", "https://www.acme.com/files/guide.pdf")));
    visitorWith("acme", id, "downloads", 1);
    assertEquals("https://www.acme.com/files/guide.pdf", timeline("acme", id).get(0).getString("url"));
  }

  @Test
  void track_configuredDownloadName_isADownloadWhateverItsCase() {
    String id = anonymousId();
    accepted("/v1/track", track(id, "whitepaper fetched").put("properties", new JsonObject().put("file", "wp-2026.pdf")));
    visitorWith("acme", id, "downloads", 1);
    assertEquals("wp-2026.pdf", timeline("acme", id).get(0).getString("url"));
  }

  @Test
  void page_fromAServerUserAgent_isAPageViewOfItsUrl() {
    String id = anonymousId();
    accepted("/v1/page", page(id, "https://www.acme.com/pricing?x=1"));
    Visitor stored = visitorWith("acme", id, "pageviews", 1);
    assertEquals("https://www.acme.com/pricing?x=1", stored.landingPage());
    assertEquals("ACME pricing", timeline("acme", id).get(0).getString("title"));
  }

  @Test
  void page_withoutUrl_isAPageViewOfItsPath() {
    String id = anonymousId();
    accepted("/v1/page", new JsonObject().put("userId", "user-" + id).put("name", "Docs")
        .put("context", new JsonObject().put("page", new JsonObject().put("path", "/docs/start"))));
    String visitor = SegmentIds.userVisitor("user-" + id);
    visitorWith("acme", visitor, "pageviews", 1);
    JsonObject entry = timeline("acme", visitor).get(0);
    assertEquals("/docs/start", entry.getString("url"));
    assertEquals("Docs", entry.getString("title"));
  }

  @Test
  void screen_isAPageViewOfTheScreensPath() {
    String id = anonymousId();
    accepted("/v1/screen", new JsonObject().put("anonymousId", id).put("name", "Checkout"));
    visitorWith("acme", id, "pageviews", 1);
    assertEquals("/screen/Checkout", timeline("acme", id).get(0).getString("url"));
  }

  @Test
  void context_campaignAndPage_becomeTheVisitorsFirstTouch() {
    String id = anonymousId();
    accepted("/v1/track", track(id, "Signed Up").put("context", new JsonObject()
        .put("campaign", new JsonObject().put("name", "spring").put("source", "newsletter").put("medium", "email"))
        .put("page", new JsonObject().put("url", "https://www.acme.com/signup"))));
    Visitor stored = visitorWith("acme", id, "custom", 1);
    assertEquals("newsletter", stored.firstTouch().getString("utm_source"), stored.firstTouch().encode());
    assertEquals("spring", stored.firstTouch().getString("utm_campaign"));
    assertEquals("https://www.acme.com/signup", timeline("acme", id).get(0).getString("page"));
  }

  @Test
  void identify_emailOfALead_linksTheUsersVisitorToThatLead() {
    String email = "ada-" + anonymousId().substring(0, 8) + "@acme-corp.com";
    String leadId = submitForm(anonymousId(), email);
    String userId = "user-" + anonymousId();
    accepted("/v1/identify", new JsonObject().put("userId", userId).put("messageId", "m-" + anonymousId())
        .put("traits", new JsonObject().put("email", email).put("plan", "pro")));
    String visitor = SegmentIds.userVisitor(userId);
    assertEquals(leadId, Eventually.until(() -> visitor("acme", visitor).map(Visitor::leadId).orElse(null),
        lead -> lead != null));
    assertEquals("identify", visitor("acme", visitor).orElseThrow().linkedBy());
    JsonObject entry = timeline("acme", visitor).get(0);
    assertEquals("identify", entry.getString("name"));
    assertEquals(new JsonObject().put("plan", "pro"), entry.getJsonObject("props"), "the email is not kept");
  }

  @Test
  void identify_anonymousAndUserId_linksBothVisitors() {
    String email = "bob-" + anonymousId().substring(0, 8) + "@acme-corp.com";
    String leadId = submitForm(anonymousId(), email);
    String browser = anonymousId();
    String userId = "u" + anonymousId();
    accepted("/v1/identify", new JsonObject().put("userId", userId).put("anonymousId", browser)
        .put("messageId", "m-" + anonymousId()).put("context", new JsonObject()
            .put("traits", new JsonObject().put("email", email))));
    for (String visitor : List.of(browser, SegmentIds.userVisitor(userId))) {
      assertEquals(leadId, Eventually.until(() -> visitor("acme", visitor).map(Visitor::leadId).orElse(null),
          lead -> lead != null));
    }
  }

  @Test
  void identify_unknownEmail_linksNothing() {
    String id = anonymousId();
    accepted("/v1/identify", new JsonObject().put("anonymousId", id)
        .put("traits", new JsonObject().put("email", "nobody-" + id.substring(0, 6) + "@acme-corp.com")));
    assertNull(visitorWith("acme", id, "custom", 1).leadId());
  }

  @Test
  void group_recordsTheCompanysTraitsOnTheVisitor() {
    String id = anonymousId();
    accepted("/v1/group", new JsonObject().put("anonymousId", id).put("groupId", "acct-42").put("traits",
        new JsonObject().put("name", "Initech").put("industry", "Software").put("employees", 120)
            .put("website", "https://initech.example")));
    visitorWith("acme", id, "custom", 1);
    JsonObject entry = timeline("acme", id).get(0);
    assertEquals("group", entry.getString("name"));
    assertEquals(new JsonObject().put("groupId", "acct-42").put("name", "Initech").put("industry", "Software")
        .put("employees", 120).put("website", "https://initech.example"), entry.getJsonObject("props"));
  }

  @Test
  void alias_isRecordedOnTheUserWithThePreviousId() {
    String userId = "user-" + anonymousId();
    accepted("/v1/alias", new JsonObject().put("userId", userId).put("previousId", "anon-123"));
    String visitor = SegmentIds.userVisitor(userId);
    visitorWith("acme", visitor, "custom", 1);
    JsonObject entry = timeline("acme", visitor).get(0);
    assertEquals("alias", entry.getString("name"));
    assertEquals(new JsonObject().put("previousId", "anon-123"), entry.getJsonObject("props"));
  }

  @Test
  void batch_mixedMessages_eachBecomesItsEvent() {
    String id = anonymousId();
    JsonArray batch = new JsonArray()
        .add(page(id, "https://www.acme.com/").put("type", "page"))
        .add(track(id, "Signed Up").put("type", "track"))
        .add(track(id, "Download").put("type", "track").put("properties", new JsonObject().put("url", "https://www.acme.com/a.pdf")));
    accepted("/v1/batch", new JsonObject().put("batch", batch).put("sentAt", "2026-01-01T00:00:00Z"));
    Visitor stored = visitorWith("acme", id, "downloads", 1);
    assertEquals(1, stored.counts().getLong("pageviews"));
    assertEquals(1, stored.counts().getLong("custom"));
  }

  @Test
  void batch_gzipped_isAccepted() throws IOException {
    String id = anonymousId();
    byte[] body = new JsonObject().put("batch", new JsonArray().add(page(id, "https://www.acme.com/gz").put("type", "page")))
        .encode().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(body);
    }
    HttpResponse<Buffer> response = post("/v1/batch", basic(ACME_KEY), zipped.toByteArray(), "Content-Encoding", "gzip");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    visitorWith("acme", id, "pageviews", 1);
  }

  @Test
  void batch_gzipThatInflatesOver500KB_is413() throws IOException {
    byte[] body = new JsonObject().put("batch", new JsonArray()).put("padding", " ".repeat(2 * 1024 * 1024))
        .encode().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(body);
    }
    HttpResponse<Buffer> response = post("/v1/batch", basic(ACME_KEY), zipped.toByteArray(), "Content-Encoding", "gzip");
    assertEquals(413, response.statusCode());
  }

  @Test
  void batch_labelledAsAForm_isReadAsJson() {
    String id = anonymousId();
    byte[] body = new JsonObject().put("batch", new JsonArray().add(page(id, "https://www.acme.com/f").put("type", "page")))
        .encode().getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> response = post("/v1/batch", basic(ACME_KEY), body,
        "Content-Type", "application/x-www-form-urlencoded;charset=utf-8");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    visitorWith("acme", id, "pageviews", 1);
  }

  // --- a message sent again ---

  @Test
  void sameMessageIdTwice_isStoredAndCountedOnce() {
    String id = anonymousId();
    JsonObject first = page(id, "https://www.acme.com/once");
    accepted("/v1/page", first);
    accepted("/v1/page", first);
    accepted("/v1/batch", new JsonObject().put("batch", new JsonArray().add(first.copy().put("type", "page"))
        .add(first.copy().put("type", "page"))));
    long before = today("acme").pageviews().getOrDefault("/second", 0L);
    accepted("/v1/page", page(id, "https://www.acme.com/second"));
    visitorWith("acme", id, "pageviews", 2);
    Eventually.until(() -> today("acme").pageviews().getOrDefault("/second", 0L), n -> n > before);
    assertEquals(2, visitor("acme", id).orElseThrow().counts().getLong("pageviews"));
    assertEquals(2, timeline("acme", id).size());
    assertEquals(1L, today("acme").pageviews().get("/once"), "the day counts the page once");
  }

  // --- refusals ---

  @Test
  void message_over32KB_is400() {
    JsonObject big = track(anonymousId(), "Big").put("properties", new JsonObject().put("blob", "x".repeat(33 * 1024)));
    HttpResponse<Buffer> response = send("/v1/track", big);
    assertEquals(400, response.statusCode());
    assertEquals("message_too_large", error(response).getString("code"));
  }

  @Test
  void batchMessage_over32KB_is400NamingIt() {
    JsonObject big = track(anonymousId(), "Big").put("type", "track")
        .put("properties", new JsonObject().put("blob", "x".repeat(33 * 1024)));
    HttpResponse<Buffer> response = send("/v1/batch", new JsonObject().put("batch",
        new JsonArray().add(track(anonymousId(), "Small").put("type", "track")).add(big)));
    assertEquals(400, response.statusCode());
    assertEquals("message_too_large", error(response).getString("code"));
    assertEquals("batch[1]", error(response).getString("field"));
  }

  @Test
  void batch_over500KB_is413() {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 20; i++) {
      batch.add(track(anonymousId(), "Big").put("type", "track")
          .put("properties", new JsonObject().put("blob", "x".repeat(30 * 1024))));
    }
    HttpResponse<Buffer> response = send("/v1/batch", new JsonObject().put("batch", batch));
    assertEquals(413, response.statusCode());
    assertEquals("body_too_large", error(response).getString("code"));
  }

  @Test
  void batch_over64KBButUnder500KB_isAccepted() {
    String id = anonymousId();
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 10; i++) {
      batch.add(track(id, "Big").put("type", "track").put("properties", new JsonObject().put("blob", "x".repeat(20 * 1024))));
    }
    accepted("/v1/batch", new JsonObject().put("batch", batch));
    visitorWith("acme", id, "custom", 10);
  }

  @Test
  void invalidJson_is400() {
    HttpResponse<Buffer> response = post("/v1/track", basic(ACME_KEY), "{not json".getBytes());
    assertEquals(400, response.statusCode());
    assertEquals("invalid_json", error(response).getString("code"));
  }

  @Test
  void message_withoutUserIdOrAnonymousId_is400() {
    HttpResponse<Buffer> response = send("/v1/track", new JsonObject().put("event", "x"));
    assertEquals(400, response.statusCode());
    assertEquals("userId", error(response).getString("field"));
  }

  @Test
  void track_withoutEvent_is400() {
    HttpResponse<Buffer> response = send("/v1/track", new JsonObject().put("userId", "u-1"));
    assertEquals(400, response.statusCode());
    assertEquals("event", error(response).getString("field"));
  }

  @Test
  void batch_messageOfUnknownType_is400NamingItAndStoresNothing() {
    String id = anonymousId();
    HttpResponse<Buffer> response = send("/v1/batch", new JsonObject().put("batch", new JsonArray()
        .add(page(id, "https://www.acme.com/").put("type", "page")).add(new JsonObject().put("type", "launch"))));
    assertEquals(400, response.statusCode());
    assertEquals("batch[1].type", error(response).getString("field"));
    accepted("/v1/page", page(id, "https://www.acme.com/after"));
    assertEquals(1, visitorWith("acme", id, "pageviews", 1).counts().getLong("pageviews"));
  }

  @Test
  void timestamp_notADate_is400NamingIt() {
    HttpResponse<Buffer> response = send("/v1/track", track(anonymousId(), "x").put("timestamp", "yesterday"));
    assertEquals(400, response.statusCode());
    assertEquals("timestamp", error(response).getString("field"));
  }

  /** A lead made by a form submission; answers its id. */
  static String submitForm(String visitor, String email) {
    api.submit("ebook", new JsonObject().put("visitor", visitor).put("submission", "s-" + anonymousId())
        .put("page", "https://www.acme.com/ebook").put("fields", new JsonObject().put("email", email)));
    return Eventually.until(() -> await(api.stores().leads().leadIdByEmail("acme", email)), Optional::isPresent)
        .orElseThrow();
  }
}
