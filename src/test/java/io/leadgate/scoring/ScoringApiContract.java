package io.leadgate.scoring;

import static io.leadgate.testing.ApiHarness.UA;
import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.clientIp;
import static io.leadgate.testing.ApiHarness.unique;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.core.DomainEvent;
import io.leadgate.identity.Lead;
import io.leadgate.identity.Stage;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Outboxes;
import io.leadgate.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scoring end to end over HTTP, on the in-memory store and on a real Redis: events and forms in, scores, stages,
 * history and outbox entries out; the lead API with its key, filters and pages; sales feedback.
 */
abstract class ScoringApiContract {
  static final String KEY = "test-api-key-0123456789";
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: crm, sha256: %s}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}, {name: role}, {name: budget}, {name: timeline}]
          magnet: {url: "https://cdn.acme.com/ebook.pdf"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
        - id: demo-request
          site: acme
          kind: demo
          fields: [{name: email, type: email, required: true}, {name: role}, {name: budget}, {name: timeline}]
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      scoring:
        halfLifeDays: 30
        mql: {score: 50, requalifyPoints: 30}
        bant:
          budget: [{field: budget, values: ["50k+"]}]
          authority: [{field: role, keywords: [cto, ceo, vp]}]
          need: [{form: demo-request}]
          timeline: [{field: timeline, values: [this quarter]}]
        rules:
          - {id: pricing-page, event: pageview, path: "/pricing*", points: 10, maxPerDay: 1}
          - {id: case-study, event: download, asset: "*case-study*", points: 15}
          - {id: video, event: custom, name: video_played, points: 2}
          - {id: ebook, event: form, form: ebook, points: 10}
          - {id: demo-request, event: form, form: demo-request, points: 50}
          - {id: careers-page, event: pageview, path: "/careers*", points: -10}
        fit:
          - {id: student, field: role, keywords: [student], points: -50}
          - {id: free-mail, freeMail: true, points: -5}
          - {id: decision-maker, field: role, keywords: [cto, ceo, vp], points: 20}
      """.formatted(ApiKeyAuth.hash(KEY));

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(YAML).clock(TestClock::now);

  // ---- helpers -------------------------------------------------------------------------------------------------

  static String email(String domain) {
    return unique("person") + "@" + domain;
  }

  static JsonObject event(String visitor, String type, String url) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e" + visitor().substring(0, 24))
        .put("type", type).put("url", url);
  }

  static void send(JsonObject... events) {
    api.events(events);
  }

  /** Submits a form for the visitor and waits until its lead exists and its form event was scored. */
  static Lead submit(String form, String visitor, JsonObject fields) {
    api.submit(form, new JsonObject().put("visitor", visitor).put("submission", unique("submission-"))
        .put("page", "https://www.acme.com/" + form).put("fields", fields), "X-Forwarded-For", clientIp("10.9.0."));
    String id = Eventually.until(() -> await(api.stores().leads().leadIdByEmail("acme",
        fields.getString("email").toLowerCase())), java.util.Optional::isPresent).orElseThrow();
    Eventually.until(() -> profile(id), p -> p.getJsonObject("score_breakdown").getJsonArray("behaviour_rules")
        .stream().anyMatch(r -> ((JsonObject) r).getString("rule").equals(form)));
    return await(api.stores().leads().lead(id)).orElseThrow();
  }

  static HttpResponse<Buffer> api(String method, String path, JsonObject body, String key) {
    return api.call(key, HttpMethod.valueOf(method), path, body);
  }

  static JsonObject profile(String leadId) {
    return api.get(KEY, "/api/leads/" + leadId);
  }

  static JsonObject list(String query) {
    return api.get(KEY, "/api/leads" + query);
  }

  static List<String> ids(JsonObject page) {
    return page.getJsonArray("leads").stream().map(l -> ((JsonObject) l).getString("id")).toList();
  }

  static List<DomainEvent> outbox(String leadId, String type) {
    return Outboxes.of(api.stores(), leadId).stream().filter(e -> e.type().equals(type)).toList();
  }

  static JsonObject person(String email, String role) {
    return new JsonObject().put("email", email).put("role", role);
  }

  static Stage stageOf(String leadId) {
    return await(api.stores().leads().lead(leadId)).orElseThrow().stage();
  }

  static double scoreOf(String leadId) {
    return profile(leadId).getDouble("score");
  }

  // ---- authentication ------------------------------------------------------------------------------------------

  @Test
  void api_withoutKey_401() {
    HttpResponse<Buffer> response = api("GET", "/api/leads", null, null);
    assertEquals(401, response.statusCode());
    assertEquals("missing_api_key", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertNotNull(response.getHeader("WWW-Authenticate"));
  }

  @Test
  void api_wrongKey_401() {
    HttpResponse<Buffer> response = api("POST", "/api/leads/ld_aaaaaaaaaaaaaaaaaaaa/stage",
        new JsonObject().put("stage", "sql"), "not-the-key");
    assertEquals(401, response.statusCode());
    assertEquals("invalid_api_key", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  // ---- scoring through the projector ----------------------------------------------------------------------------

  @Test
  void convert_afterAnonymousVisits_scoresTheHistoryAndTheFitAndBecomesMql() {
    String visitor = visitor();
    send(event(visitor, "pageview", "https://www.acme.com/pricing"),
        event(visitor, "download", "https://cdn.acme.com/case-study-bank.pdf").put("page", "https://www.acme.com/x"));
    Eventually.until(() -> await(api.stores().visitors().timeline("acme", visitor, 10)).size(), n -> n == 2);
    Lead lead = submit("ebook", visitor, person(email("gmail.com"), "CTO"));
    String id = lead.id();
    // 10 pricing + 15 case study + 10 ebook + 20 decision maker - 5 free mail
    Eventually.until(() -> stageOf(id), s -> s == Stage.MQL);
    JsonObject profile = profile(id);
    assertEquals(50.0, profile.getDouble("score"));
    JsonObject breakdown = profile.getJsonObject("score_breakdown");
    assertEquals(15.0, breakdown.getDouble("fit"));
    assertEquals(35.0, breakdown.getDouble("behaviour"));
    List<String> stages = profile.getJsonArray("stage_history").stream()
        .map(s -> ((JsonObject) s).getString("stage")).toList();
    assertEquals(List.of("lead", "mql"), stages);
    JsonObject mql = profile.getJsonArray("stage_history").getJsonObject(1);
    assertEquals("scoring", mql.getString("by"));
    assertTrue(mql.getString("reason").startsWith("score 50 reached the MQL threshold 50"), mql.getString("reason"));
    assertEquals(3, profile.getJsonArray("timeline").size());
    assertEquals(1, outbox(id, "lead.stage_changed").size());
    assertEquals("mql", outbox(id, "lead.stage_changed").get(0).data().getString("to"));
  }

  @Test
  void score_eventsOfALead_addUpAndExplainThemselves() {
    String visitor = visitor();
    Lead lead = submit("ebook", visitor, person(email("acme-corp.com"), "Engineer"));
    send(event(visitor, "pageview", "https://www.acme.com/pricing"),
        event(visitor, "pageview", "https://www.acme.com/pricing/enterprise"),
        event(visitor, "pageview", "https://www.acme.com/careers"));
    // Flaky before: the form alone is worth 10, so waiting for a score of 10 could end before the page views counted.
    Eventually.until(() -> await(api.stores().scores().state(lead.id())).rules().keySet(),
        rules -> rules.contains("pricing-page") && rules.contains("careers-page"));
    assertEquals(10.0, scoreOf(lead.id()));
    JsonObject breakdown = profile(lead.id()).getJsonObject("score_breakdown");
    JsonObject pricing = breakdown.getJsonArray("behaviour_rules").stream().map(r -> (JsonObject) r)
        .filter(r -> r.getString("rule").equals("pricing-page")).findFirst().orElseThrow();
    assertEquals(1, pricing.getInteger("events"), "the daily cap counts the pricing page once a day");
    assertEquals(10, pricing.getInteger("points"));
    assertEquals(Stage.LEAD, stageOf(lead.id()));
  }

  @Test
  void score_fiftyConcurrentEventsOverThreshold_oneMqlTransition() {
    String visitor = visitor();
    Lead lead = submit("ebook", visitor, person(email("acme-corp.com"), "Engineer"));
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(api.client().post("/e").putHeader("Content-Type", "text/plain")
          .putHeader("Origin", "https://www.acme.com").putHeader("User-Agent", UA)
          .sendBuffer(Buffer.buffer(event(visitor, "custom", "https://www.acme.com/video").put("name", "video_played")
              .encode())));
    }
    await(Future.all(sent));
    Eventually.until(() -> scoreOf(lead.id()), s -> s == 110.0);
    assertEquals(Stage.MQL, stageOf(lead.id()));
    assertEquals(1, outbox(lead.id(), "lead.stage_changed").size());
    assertEquals(1, await(api.stores().leads().stages(lead.id())).stream().filter(s -> s.stage() == Stage.MQL).count());
    String metrics = await(api.client().get("/metrics").send()).bodyAsString();
    assertTrue(metrics.contains("leadgate_scoring_stage_changes_total{by=\"scoring\",to=\"mql\"}"), metrics);
    assertTrue(metrics.contains("leadgate_scoring_steps_total{outcome=\"applied\"}"), metrics);
  }

  @Test
  void score_afterAHalfLife_behaviourIsWorthHalfAndFitStays() {
    String visitor = visitor();
    Lead lead = submit("ebook", visitor, person(email("acme-corp.com"), "VP Engineering"));
    assertEquals(30.0, scoreOf(lead.id()));
    api.clock().advance(Duration.ofDays(30));
    try {
      assertEquals(25.0, scoreOf(lead.id()));
    } finally {
      api.clock().advance(Duration.ofDays(-30));
    }
  }

  @Test
  void bant_allKnownFromFormAndFields_movesToSql() {
    String visitor = visitor();
    JsonObject fields = person(email("acme-corp.com"), "CEO").put("budget", "50k+").put("timeline", "This quarter");
    Lead lead = submit("demo-request", visitor, fields);
    Eventually.until(() -> stageOf(lead.id()), s -> s == Stage.SQL);
    List<String> stages = profile(lead.id()).getJsonArray("stage_history").stream()
        .map(s -> ((JsonObject) s).getString("stage")).toList();
    assertEquals(List.of("lead", "mql", "sql"), stages);
    JsonObject sql = profile(lead.id()).getJsonArray("stage_history").getJsonObject(2);
    assertTrue(sql.getString("reason").startsWith("BANT known (budget: budget \"50k+\" is listed"), sql.encode());
    assertEquals(2, outbox(lead.id(), "lead.stage_changed").size());
  }

  @Test
  void bant_withoutTheNeed_staysMql() {
    JsonObject fields = person(email("acme-corp.com"), "CEO").put("budget", "50k+").put("timeline", "This quarter");
    Lead lead = submit("ebook", visitor(), fields);
    send(event(visitor(), "pageview", "https://www.acme.com/"));
    assertEquals(Stage.LEAD, stageOf(lead.id()));
    assertEquals(30.0, scoreOf(lead.id()));
  }

  // ---- sales feedback -------------------------------------------------------------------------------------------

  @Test
  void stage_salesAccepts_sqlWithHistoryAndOutbox() {
    Lead lead = submit("ebook", visitor(), person(email("acme-corp.com"), "Engineer"));
    HttpResponse<Buffer> response = api("POST", "/api/leads/" + lead.id() + "/stage",
        new JsonObject().put("stage", "sql").put("reason", "accepted by sales").put("user", "bob"), KEY);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("sql", response.bodyAsJsonObject().getString("stage"));
    assertEquals(10.0, response.bodyAsJsonObject().getDouble("score"));
    JsonArray history = profile(lead.id()).getJsonArray("stage_history");
    JsonObject last = history.getJsonObject(history.size() - 1);
    assertEquals("sql", last.getString("stage"));
    assertEquals("lead", last.getString("from"));
    assertEquals("accepted by sales", last.getString("reason"));
    assertEquals("api:crm:bob", last.getString("by"));
    DomainEvent changed = outbox(lead.id(), "lead.stage_changed").get(0);
    assertEquals("sql", changed.data().getString("to"));
    assertEquals(10.0, changed.data().getDouble("score"));
    assertEquals(1, list("?stage=sql&q=" + lead.email()).getJsonArray("leads").size());
  }

  @Test
  void stage_wonThenEvangelist_anyForwardStage() {
    Lead lead = submit("ebook", visitor(), person(email("acme-corp.com"), "Engineer"));
    for (String stage : List.of("opportunity", "customer", "evangelist")) {
      assertEquals(200, api("POST", "/api/leads/" + lead.id() + "/stage", new JsonObject().put("stage", stage), KEY)
          .statusCode());
    }
    assertEquals(Stage.EVANGELIST, stageOf(lead.id()));
    assertEquals(3, outbox(lead.id(), "lead.stage_changed").size());
  }

  @Test
  void stage_disqualifiedWithReason_isJunkAndScoringLeavesItThere() {
    String visitor = visitor();
    Lead lead = submit("ebook", visitor, person(email("acme-corp.com"), "Engineer"));
    HttpResponse<Buffer> response = api("POST", "/api/leads/" + lead.id() + "/stage",
        new JsonObject().put("stage", "disqualified").put("reason", "competitor"), KEY);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("competitor", response.bodyAsJsonObject().getString("disqualified_reason"));
    assertEquals(1, outbox(lead.id(), "lead.disqualified").size());
    send(event(visitor, "download", "https://cdn.acme.com/case-study-1.pdf"),
        event(visitor, "download", "https://cdn.acme.com/case-study-2.pdf"),
        event(visitor, "download", "https://cdn.acme.com/case-study-3.pdf"));
    Eventually.until(() -> scoreOf(lead.id()), s -> s == 55.0);
    assertEquals(Stage.DISQUALIFIED, stageOf(lead.id()));
  }

  /** A lead at 60 points, MQL, that sales sends back for nurturing. */
  static Lead sentBackForNurture(String visitor) {
    Lead lead = submit("demo-request", visitor, person(email("nurture-corp.com"), "Engineer"));
    send(event(visitor, "pageview", "https://www.acme.com/pricing"));
    Eventually.until(() -> scoreOf(lead.id()), s -> s == 60.0);
    assertEquals(Stage.MQL, stageOf(lead.id()));
    HttpResponse<Buffer> response = api("POST", "/api/leads/" + lead.id() + "/stage",
        new JsonObject().put("stage", "lead").put("reason", "nurture"), KEY);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return lead;
  }

  /** Sends the event a minute after the last one and waits until it was scored. */
  static void sendLater(JsonObject event, String leadId) {
    api.clock().advance(Duration.ofMinutes(1));
    long at = api.clock().millis();
    send(event);
    Eventually.until(() -> await(api.stores().scores().state(leadId)).activity(), scored -> scored == at);
  }

  static List<String> stageChanges(String leadId) {
    return outbox(leadId, "lead.stage_changed").stream().map(e -> e.data().getString("to")).toList();
  }

  // Cause: scoring re-checked the MQL threshold on every event and knew nothing of sales' decision.
  @Test
  void aLeadSentBackBySalesIsNotRequalifiedByAZeroPointPageView() {
    String visitor = visitor();
    Lead lead = sentBackForNurture(visitor);
    sendLater(event(visitor, "pageview", "https://www.acme.com/blog"), lead.id());
    assertEquals(Stage.LEAD, stageOf(lead.id()));
    assertEquals(List.of("mql", "lead"), stageChanges(lead.id()), "no second lead.stage_changed to mql");
  }

  @Test
  void aLeadSentBackBySales_showsWhyScoringWaitsInItsExplanation() {
    String visitor = visitor();
    Lead lead = sentBackForNurture(visitor);
    sendLater(event(visitor, "download", "https://cdn.acme.com/case-study-hold.pdf"), lead.id());
    JsonObject hold = profile(lead.id()).getJsonObject("score_breakdown").getJsonObject("hold");
    assertEquals(15, hold.getInteger("points"));
    assertEquals(30, hold.getInteger("requalify_points"));
    assertEquals("nurture", hold.getString("reason"));
    assertTrue(hold.getString("summary").matches("recycled to lead by api:crm on \\d{4}-\\d{2}-\\d{2}, 15 of 30 new points"),
        hold.encode());
  }

  @Test
  void aLeadSentBackBySales_requalifiesOnceWhenItEarnsRequalifyPointsAnew() {
    String visitor = visitor();
    Lead lead = sentBackForNurture(visitor);
    sendLater(event(visitor, "download", "https://cdn.acme.com/case-study-one.pdf"), lead.id());
    assertEquals(Stage.LEAD, stageOf(lead.id()));
    sendLater(event(visitor, "download", "https://cdn.acme.com/case-study-two.pdf"), lead.id());
    assertEquals(Stage.MQL, stageOf(lead.id()));
    assertEquals(List.of("mql", "lead", "mql"), stageChanges(lead.id()), "one more lead.stage_changed to mql");
    JsonObject profile = profile(lead.id());
    JsonArray history = profile.getJsonArray("stage_history");
    String reason = history.getJsonObject(history.size() - 1).getString("reason");
    assertTrue(reason.endsWith(", 30 of 30 new points"), reason);
    assertTrue(!profile.getJsonObject("score_breakdown").containsKey("hold"), profile.encode());
  }

  @Test
  void eventsArrivingWhileSalesSendsTheLeadBack_endInOneStateWithOneOutboxEntryPerTransition() {
    String visitor = visitor();
    Lead lead = submit("demo-request", visitor, person(email("race-corp.com"), "Engineer"));
    send(event(visitor, "pageview", "https://www.acme.com/pricing"));
    Eventually.until(() -> scoreOf(lead.id()), s -> s == 60.0);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(api.client().post("/e").putHeader("Content-Type", "text/plain")
          .putHeader("Origin", "https://www.acme.com").putHeader("User-Agent", UA)
          .sendBuffer(Buffer.buffer(event(visitor, "custom", "https://www.acme.com/video").put("name", "video_played")
              .encode())));
      if (i == 4) {
        sent.add(api.client().post("/api/leads/" + lead.id() + "/stage").putHeader("Authorization", "Bearer " + KEY)
            .sendJsonObject(new JsonObject().put("stage", "lead").put("reason", "nurture")));
      }
    }
    await(Future.all(sent));
    // 10 video events of 2 points: 20 new points at most, short of the 30 that requalify
    Eventually.until(() -> scoreOf(lead.id()), s -> s == 80.0);
    assertEquals(Stage.LEAD, stageOf(lead.id()));
    assertEquals(List.of("mql", "lead"), stageChanges(lead.id()));
    List<String> history = profile(lead.id()).getJsonArray("stage_history").stream()
        .map(e -> ((JsonObject) e).getString("stage")).toList();
    assertEquals(List.of("lead", "mql", "lead"), history);
  }

  @Test
  void download_sameFileTwiceInADay_scoresOnceAndBothAreInTheTimeline() {
    String visitor = visitor();
    Lead lead = submit("ebook", visitor, person(email("download-corp.com"), "Engineer"));
    sendLater(event(visitor, "download", "https://cdn.acme.com/case-study-again.pdf"), lead.id());
    sendLater(event(visitor, "download", "https://cdn.acme.com/case-study-again.pdf?from=mail"), lead.id());
    JsonObject profile = profile(lead.id());
    JsonObject caseStudy = profile.getJsonObject("score_breakdown").getJsonArray("behaviour_rules").stream()
        .map(r -> (JsonObject) r).filter(r -> r.getString("rule").equals("case-study")).findFirst().orElseThrow();
    assertEquals(1, caseStudy.getInteger("events"));
    assertEquals(15, caseStudy.getInteger("points"));
    assertEquals(2, profile.getJsonArray("timeline").stream()
        .filter(e -> "download".equals(((JsonObject) e).getString("type"))).count());
  }

  @Test
  void stage_disqualifiedWithoutReason_422() {
    Lead lead = submit("ebook", visitor(), person(email("acme-corp.com"), "Engineer"));
    HttpResponse<Buffer> response = api("POST", "/api/leads/" + lead.id() + "/stage",
        new JsonObject().put("stage", "disqualified"), KEY);
    assertEquals(422, response.statusCode());
    assertEquals("reason", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
    assertEquals(Stage.LEAD, stageOf(lead.id()));
  }

  @Test
  void stage_unknownStage_422() {
    Lead lead = submit("ebook", visitor(), person(email("acme-corp.com"), "Engineer"));
    HttpResponse<Buffer> response = api("POST", "/api/leads/" + lead.id() + "/stage",
        new JsonObject().put("stage", "hot"), KEY);
    assertEquals(422, response.statusCode());
    assertEquals("invalid_stage", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void stage_unknownLead_404() {
    assertEquals(404, api("POST", "/api/leads/ld_aaaaaaaaaaaaaaaaaaaa/stage", new JsonObject().put("stage", "sql"),
        KEY).statusCode());
    assertEquals(404, api("POST", "/api/leads/nonsense/stage", new JsonObject().put("stage", "sql"), KEY)
        .statusCode());
  }

  @Test
  void stage_bodyNotJson_400() {
    HttpResponse<Buffer> response = await(api.client().post("/api/leads/ld_aaaaaaaaaaaaaaaaaaaa/stage")
        .putHeader("Authorization", "Bearer " + KEY).sendBuffer(Buffer.buffer("stage=sql")));
    assertEquals(400, response.statusCode());
  }

  // ---- reading ----------------------------------------------------------------------------------------------------

  @Test
  void profile_unknownLead_404() {
    HttpResponse<Buffer> response = api("GET", "/api/leads/ld_aaaaaaaaaaaaaaaaaaaa", null, KEY);
    assertEquals(404, response.statusCode());
    assertEquals("lead_not_found", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void list_filtersByStageScoreAndText() {
    Lead low = submit("ebook", visitor(), person(email("low-corp.com"), "Engineer"));
    Lead high = submit("ebook", visitor(), person(email("high-corp.com"), "CTO"));
    assertTrue(ids(list("?stage=lead&min_score=25&limit=200")).contains(high.id()));
    assertTrue(!ids(list("?stage=lead&min_score=25&limit=200")).contains(low.id()));
    assertEquals(List.of(low.id()), ids(list("?q=" + low.email())));
    assertTrue(ids(list("?q=low-corp.com")).contains(low.id()));
    assertTrue(ids(list("?stage=mql&limit=200")).stream().noneMatch(id -> id.equals(low.id())));
    List<String> recent = ids(list("?order=recent&limit=2"));
    assertEquals(2, recent.size());
  }

  @Test
  void list_byScore_pagesThroughEveryLeadOnce() {
    for (int i = 0; i < 3; i++) {
      submit("ebook", visitor(), person(email("page-corp.com"), i == 0 ? "CTO" : "Engineer"));
    }
    Set<String> seen = new HashSet<>();
    List<Double> scores = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = list("?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      for (Object lead : page.getJsonArray("leads")) {
        assertTrue(seen.add(((JsonObject) lead).getString("id")), "seen twice: " + lead);
        scores.add(((JsonObject) lead).getDouble("score"));
      }
      cursor = page.getString("next");
      pages++;
    } while (cursor != null && pages < 500);
    assertTrue(seen.size() >= 3, seen.toString());
    for (int i = 1; i < scores.size(); i++) {
      assertTrue(scores.get(i - 1) >= scores.get(i), scores.toString());
    }
  }

  @Test
  void list_badParameters_answerWhatIsWrong() {
    assertEquals(422, api("GET", "/api/leads?stage=hot", null, KEY).statusCode());
    assertEquals("min_score", api("GET", "/api/leads?min_score=lots", null, KEY).bodyAsJsonObject()
        .getJsonObject("error").getString("field"));
    assertEquals(400, api("GET", "/api/leads?limit=0", null, KEY).statusCode());
    assertEquals(400, api("GET", "/api/leads?order=random", null, KEY).statusCode());
    assertEquals(400, api("GET", "/api/leads?cursor=bm9wZQ", null, KEY).statusCode());
    assertEquals(400, api("GET", "/api/leads?site=other", null, KEY).statusCode());
  }

  @Test
  void scoring_currentRules_described() {
    JsonObject rules = api("GET", "/api/scoring", null, KEY).bodyAsJsonObject();
    assertEquals(50, rules.getJsonObject("default").getInteger("mql_score"));
    assertEquals(6, rules.getJsonObject("default").getInteger("rules"));
  }

  @Test
  void reload_startedWithoutAFile_409() {
    assertEquals(409, api("POST", "/api/scoring/reload", null, KEY).statusCode());
  }
}
