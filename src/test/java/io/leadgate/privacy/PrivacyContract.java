package io.leadgate.privacy;

import static io.leadgate.testing.ApiHarness.UA;
import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data rights over HTTP (issue 17): export, erasure (on every store and on a cluster), the tombstone, retention and
 * the audit log. Run against the in-memory store, Redis and a Redis Cluster.
 */
abstract class PrivacyContract {
  static final String ADMIN = "test-admin-key-0123456789";
  static final String VIEWER = "test-viewer-key-0123456789";
  static final AtomicInteger UNIQUE = new AtomicInteger();
  static final TestClock CLOCK = new TestClock();
  static final String YAML = ApiHarness.ACME + """
          leadRetentionDays: 30
      apiKeys:
        - {name: dpo, sha256: %s}
        - {name: intern, sha256: %s, role: viewer}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields:
            - {name: email, type: email, required: true}
            - {name: name}
            - {name: company}
            - {name: newsletter, type: checkbox, consent: marketing, text: "Send me the newsletter"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 5}
      scoring:
        rules:
          - {id: demo-page, event: pageview, path: "/demo*", points: 5}
      webhookDelivery: {pollInterval: 20ms, jitter: 0}
      webhooks:
        - id: crm
          url: %s
          secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
          allowSubnets: [127.0.0.0/8]
          timeout: 2s
      """;

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(h -> YAML.formatted(ApiKeyAuth.hash(ADMIN), ApiKeyAuth.hash(VIEWER),
      h.receiver().url("/hook"))).withReceiver().clock(() -> CLOCK);

  static String email() {
    return "ada" + UNIQUE.incrementAndGet() + "x" + visitor().substring(0, 6) + "@globex-" + visitor().substring(0, 4)
        + ".com";
  }

  /** Submits the form for the visitor (with the newsletter consent); answers the lead id once it is projected. */
  static String submit(String visitor, String email) {
    api.submit("ebook", new JsonObject().put("visitor", visitor).put("submission", "s-" + visitor())
        .put("page", "https://www.acme.com/ebook").put("fields", new JsonObject().put("email", email)
            .put("name", "Ada Lovelace").put("company", "Globex").put("newsletter", true)));
    Eventually.until(() -> await(api.stores().visitors().timeline("acme", visitor, 10)), t -> !t.isEmpty());
    return api.leadIdOf(email);
  }

  static void pageview(String visitor, String path) {
    JsonObject event = new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e-" + visitor())
        .put("type", "pageview").put("url", "https://www.acme.com" + path);
    api.events(event);
  }

  /** A page view as the snippet queues it: with its id and the browser's time of when it was made. */
  static JsonObject view(String visitor, String path, long madeAt) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e-" + visitor())
        .put("type", "pageview").put("url", "https://www.acme.com" + path).put("ts", madeAt);
  }

  /** Sends the events in one request, as the snippet sends its queue. */
  static void send(JsonObject... events) {
    HttpResponse<Buffer> response = await(api.client().post("/e").putHeader("Content-Type", "text/plain")
        .putHeader("Origin", "https://www.acme.com").putHeader("User-Agent", UA)
        .sendBuffer(Buffer.buffer(new JsonArray(List.of((Object[]) events)).encode())));
    assertEquals(202, response.statusCode(), response.bodyAsString());
  }

  /** The paths of the visitor's timeline, newest first. */
  static List<String> paths(String visitor) {
    return await(api.stores().visitors().timeline("acme", visitor, 50)).stream()
        .map(e -> e.getString("url", "").replace("https://www.acme.com", "")).toList();
  }

  /** Waits until the visitor's timeline shows the path (a later event of the same visitor, or of the same batch). */
  static List<String> pathsOnceProjected(String visitor, String path) {
    return Eventually.until(() -> paths(visitor), p -> p.contains(path));
  }

  static HttpResponse<Buffer> api(HttpMethod method, String path, JsonObject body, String key) {
    return api.call(key, method, path, body);
  }

  static HttpResponse<Buffer> export(String query) {
    return api(HttpMethod.GET, "/api/privacy/export?" + query, null, ADMIN);
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Asks for the erasure and waits until it is done; answers its final state. */
  static JsonObject erase(JsonObject who) {
    HttpResponse<Buffer> asked = api(HttpMethod.POST, "/api/privacy/erase", who, ADMIN);
    assertEquals(202, asked.statusCode(), asked.bodyAsString());
    String id = asked.bodyAsJsonObject().getString("erasure");
    return Eventually.until(() -> api(HttpMethod.GET, "/api/privacy/erasures/" + id, null, ADMIN).bodyAsJsonObject(),
        e -> "done".equals(e.getString("status")));
  }

  /** The lead has been delivered to the receiver (so it is one of the endpoints that "received the lead"). */
  static void delivered(String leadId) {
    Eventually.until(api.receiver()::received,
        all -> all.stream().anyMatch(r -> leadId.equals(r.json().getString("lead"))));
  }

  @Test
  void export_byEmail_holdsTheLeadItsConsentsStagesVisitorsTimelinesAndDeliveries() {
    String visitor = visitor();
    String email = email();
    pageview(visitor, "/pricing");
    String leadId = submit(visitor, email);
    delivered(leadId);
    Eventually.until(() -> await(api.stores().deliveryLog().forLead(leadId, null, 10)), log -> !log.isEmpty());

    HttpResponse<Buffer> response = export("email=" + q(email));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject lead = response.bodyAsJsonObject().getJsonArray("leads").getJsonObject(0);
    assertEquals(leadId, lead.getString("id"));
    assertEquals(email, lead.getString("email"));
    assertEquals("Send me the newsletter", lead.getJsonArray("consents").getJsonObject(0).getString("text"));
    assertNotNull(lead.getJsonArray("consents").getJsonObject(0).getValue("at"));
    assertFalse(lead.getJsonArray("stage_history").isEmpty());
    JsonObject profile = lead.getJsonArray("visitor_profiles").getJsonObject(0);
    assertEquals(visitor, profile.getString("id"));
    assertTrue(profile.getJsonArray("timeline").stream().anyMatch(e -> ((JsonObject) e).getString("url", "")
        .endsWith("/pricing")), profile.encode());
    assertFalse(lead.getJsonObject("webhooks").getJsonArray("deliveries").isEmpty());
  }

  @Test
  void export_byVisitorOfALead_isThatLeadsExport() {
    String visitor = visitor();
    String leadId = submit(visitor, email());

    HttpResponse<Buffer> response = export("visitor=" + visitor);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(leadId, response.bodyAsJsonObject().getJsonArray("leads").getJsonObject(0).getString("id"));
  }

  @Test
  void export_ofSomeoneNothingIsHeldAbout_is404WithTheErrorBody() {
    HttpResponse<Buffer> response = export("email=" + q("nobody-" + visitor() + "@globex.com"));

    assertEquals(404, response.statusCode());
    assertEquals("nothing_held", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void export_withNeitherEmailNorVisitor_is400() {
    assertEquals(400, export("site=acme").statusCode());
  }

  @Test
  void erase_answers202_andRemovesTheLeadItsVisitorsIndexesAndDeliveryLog() {
    String visitor = visitor();
    String email = email();
    pageview(visitor, "/pricing");
    String leadId = submit(visitor, email);
    delivered(leadId);
    // the attempt is logged once settled: an attempt still in flight may log after the erasure (docs/privacy.md)
    Eventually.until(() -> await(api.stores().deliveryLog().forEndpoint("crm", 1000)),
        log -> log.stream().anyMatch(a -> leadId.equals(a.leadId())));
    String domain = email.substring(email.indexOf('@') + 1);

    JsonObject done = erase(new JsonObject().put("email", email));

    assertNotNull(done.getLong("completedAt"));
    assertEquals(done.getJsonObject("progress").getInteger("total"), done.getJsonObject("progress").getInteger("done"));
    assertTrue(await(api.stores().leads().lead(leadId)).isEmpty());
    assertTrue(await(api.stores().leads().leadIdByEmail("acme", email)).isEmpty());
    assertTrue(await(api.stores().leads().stages(leadId)).isEmpty());
    assertTrue(await(api.stores().visitors().visitor("acme", visitor)).isEmpty());
    assertTrue(await(api.stores().visitors().timeline("acme", visitor, 10)).isEmpty());
    assertTrue(await(api.stores().leadSearch().byDomain("acme", domain, null, 10)).isEmpty());
    assertTrue(await(api.stores().leadSearch().byPrefix("acme", "lovelace", null, 100)).stream()
        .noneMatch(h -> h.leadId().equals(leadId)));
    // the lead.erased delivery is logged under the lead id: it holds nothing else of the person
    assertTrue(await(api.stores().deliveryLog().forEndpoint("crm", 1000)).stream()
        .noneMatch(a -> leadId.equals(a.leadId()) && !"lead.erased".equals(a.type())));
    assertEquals(404, export("email=" + q(email)).statusCode());
  }

  @Test
  void erase_takesTheLeadOutOfItsCompanysAccount_whoseHistoryNamesNoEmail() {
    String email = email();
    String domain = email.substring(email.indexOf('@') + 1);
    String erased = submit(visitor(), email);
    String kept = submit(visitor(), "grace" + UNIQUE.incrementAndGet() + "@" + domain);
    Eventually.until(() -> api(HttpMethod.GET, "/api/accounts/" + domain, null, ADMIN),
        r -> r.statusCode() == 200 && r.bodyAsJsonObject().getJsonArray("leads").size() == 2);

    erase(new JsonObject().put("email", email));

    JsonObject account = api(HttpMethod.GET, "/api/accounts/" + domain, null, ADMIN).bodyAsJsonObject();
    assertEquals(List.of(kept), account.getJsonArray("leads").stream().map(l -> ((JsonObject) l).getString("id"))
        .toList());
    assertTrue(account.getJsonArray("timeline").stream().anyMatch(t -> erased.equals(((JsonObject) t)
        .getString("lead")) && "account_left".equals(((JsonObject) t).getString("kind"))), account.encodePrettily());
    assertFalse(account.encode().contains(email), "the account still names the erased email");
  }

  @Test
  void erase_sendsLeadErasedWithTheLeadIdAndAHashOnly_toTheEndpointThatReceivedTheLead() {
    String email = email();
    String leadId = submit(visitor(), email);
    delivered(leadId);

    erase(new JsonObject().put("email", email));

    Receiver.Request erased = Eventually.until(() -> api.receiver().received().stream()
        .filter(r -> "lead.erased".equals(r.json().getString("type")) && leadId.equals(r.json().getString("lead")))
        .findFirst().orElse(null), r -> r != null);
    JsonObject data = erased.json().getJsonObject("data");
    assertEquals(leadId, data.getString("lead"));
    assertEquals(32, data.getString("email_hash").length());
    assertFalse(erased.body().contains(email), erased.body());
    assertFalse(erased.body().contains("Lovelace"), erased.body());
    assertFalse(data.containsKey("endpoints"), erased.body());
    assertNotNull(erased.signature());
  }

  @Test
  void erase_removesTheLeadsQueuedAndRetryingWebhookMessages() {
    String email = email();
    api.receiver().answer(r -> r.body().contains(email) ? Receiver.Reply.status(503) : Receiver.Reply.ok());
    try {
      String leadId = submit(visitor(), email);
      // the first attempt failed: the event waits for its retry
      Eventually.until(() -> await(api.stores().deliveryLog().forLead(leadId, null, 10)), log -> !log.isEmpty());
      long seq = await(api.stores().leads().lead(leadId)).orElseThrow().seq();
      assertFalse(await(api.stores().leadDeliveries().held(leadId, seq, List.of("crm"))).isEmpty());

      erase(new JsonObject().put("email", email));

      // what may still wait is the lead.erased event itself, which holds no personal data
      String held = await(api.stores().leadDeliveries().held(leadId, seq, List.of("crm"))).encode();
      assertFalse(held.contains(email), held);
      assertFalse(held.contains("lead.created"), held);
      assertTrue(await(api.stores().deliveryLog().forLead(leadId, null, 10)).stream()
          .allMatch(a -> "lead.erased".equals(a.type())));
    } finally {
      api.receiver().answer(r -> Receiver.Reply.ok());
    }
  }

  @Test
  void erasedVisitor_laterEventsAreDropped() {
    String visitor = visitor();
    String email = erasedAfterSubmitting(visitor);

    assertPageViewDropped(visitor, "/after-erasure");
  }

  /** A person who submitted the form from the visitor and was then erased by email; answers the email. */
  static String erasedAfterSubmitting(String visitor) {
    String email = email();
    submit(visitor, email);
    erase(new JsonObject().put("email", email));
    return email;
  }

  /** Sends a page view of the visitor, then another visitor's, and checks the first left nothing once both ran. */
  static void assertPageViewDropped(String visitor, String path) {
    pageview(visitor, path);
    String marker = visitor();
    pageview(marker, "/marker");
    // the marker's event went through the same projector after the erased visitor's
    Eventually.until(() -> await(api.stores().visitors().timeline("acme", marker, 10)), t -> !t.isEmpty());

    assertTrue(await(api.stores().visitors().visitor("acme", visitor)).isEmpty());
    assertTrue(await(api.stores().visitors().timeline("acme", visitor, 10)).isEmpty());
  }

  @Test
  void erasedPerson_aNewFormSubmission_makesANewLead() {
    String visitor = visitor();
    String email = email();
    String before = submit(visitor, email);
    erase(new JsonObject().put("email", email));

    String after = submit(visitor, email);

    assertNotEquals(before, after);
    assertTrue(await(api.stores().leads().lead(after)).isPresent());
  }

  @Test
  void erasedVisitor_whoSubmitsAFormAgain_hasTheirLaterPageViewsRecordedAndScored() {
    String visitor = visitor();
    String email = erasedAfterSubmitting(visitor);
    pageview(visitor, "/demo/before-the-new-submission");
    CLOCK.advance(Duration.ofSeconds(1));

    String lead = submit(visitor, email);
    pageview(visitor, "/demo/after-the-new-submission");

    List<String> paths = pathsOnceProjected(visitor, "/demo/after-the-new-submission");
    assertFalse(paths.contains("/demo/before-the-new-submission"), paths.toString());
    assertTrue(paths.contains("/ebook"), "the submission's own event: " + paths);
    Eventually.until(() -> await(api.stores().scores().state(lead)).recent(),
        recent -> recent.stream().anyMatch(p -> "demo-page".equals(p.rule())));
    assertEquals(lead, await(api.stores().visitors().visitor("acme", visitor)).orElseThrow().leadId());
  }

  @Test
  void erasedVisitor_eventsQueuedBeforeTheErasure_stayDroppedAfterALaterSubmission() {
    String visitor = visitor();
    String email = email();
    submit(visitor, email);
    long queuedAt = CLOCK.millis();
    CLOCK.advance(Duration.ofSeconds(1));
    erase(new JsonObject().put("email", email));
    CLOCK.advance(Duration.ofSeconds(1));
    submit(visitor, email);

    // the browser's queue goes out at last: what it made before the erasure, then a view made now
    send(view(visitor, "/queued-before-the-erasure", queuedAt), view(visitor, "/made-now", CLOCK.millis()));

    List<String> paths = pathsOnceProjected(visitor, "/made-now");
    assertFalse(paths.contains("/queued-before-the-erasure"), paths.toString());
  }

  @Test
  void erasedVisitor_erasedAgainAfterSubmittingAgain_hasItsLaterEventsDroppedAgain() {
    String visitor = visitor();
    String email = erasedAfterSubmitting(visitor);
    CLOCK.advance(Duration.ofSeconds(1));
    submit(visitor, email);
    CLOCK.advance(Duration.ofSeconds(1));
    erase(new JsonObject().put("email", email));

    assertPageViewDropped(visitor, "/after-the-second-erasure");
  }

  @Test
  void erasedPerson_aNewSubmission_leavesTheEmailTombstoneOnRecord() {
    String email = erasedAfterSubmitting(visitor());
    PrivacyService service = api.gateway().privacy().service();
    String hash = service.subjectHash(service.subject(email, null, "acme"));
    long erasedAt = await(api.stores().erasures().erasedAt(hash)).orElseThrow();
    CLOCK.advance(Duration.ofSeconds(1));

    submit(visitor(), email);

    assertEquals(erasedAt, await(api.stores().erasures().erasedAt(hash)).orElseThrow());
  }

  @Test
  void erase_ofAnAnonymousVisitor_removesItsProfileAndTimeline() {
    String visitor = visitor();
    pageview(visitor, "/blog");
    Eventually.until(() -> await(api.stores().visitors().timeline("acme", visitor, 10)), t -> !t.isEmpty());

    erase(new JsonObject().put("visitor", visitor));

    assertTrue(await(api.stores().visitors().visitor("acme", visitor)).isEmpty());
    assertEquals(404, export("visitor=" + visitor).statusCode());
  }

  @Test
  void erasure_interruptedAfterItWasSaved_isFinishedByAnyInstanceLater() {
    String email = email();
    String leadId = submit(visitor(), email);
    PrivacyService service = api.gateway().privacy().service();
    String id = await(service.plan(service.subject(email, null, "acme"), "api:dpo"));
    assertEquals("running", await(service.erasure(id)).getString("status"));

    await(service.resume());

    JsonObject done = await(service.erasure(id));
    assertEquals("done", done.getString("status"));
    assertTrue(await(api.stores().leads().lead(leadId)).isEmpty());
  }

  @Test
  void erasure_unknownId_is404() {
    assertEquals(404, api(HttpMethod.GET, "/api/privacy/erasures/era_0123", null, ADMIN).statusCode());
  }

  @Test
  void erase_needsTheAdminRole() {
    HttpResponse<Buffer> response = api(HttpMethod.POST, "/api/privacy/erase", new JsonObject().put("email", email()),
        VIEWER);

    assertEquals(403, response.statusCode());
  }

  @Test
  void audit_recordsWhoReadALeadAndWhoErased_newestFirst_forAdminsOnly() {
    String email = email();
    String leadId = submit(visitor(), email);
    assertEquals(200, api(HttpMethod.GET, "/api/leads/" + leadId, null, VIEWER).statusCode());
    erase(new JsonObject().put("email", email));

    JsonArray entries = Eventually.until(() -> api(HttpMethod.GET, "/api/audit?limit=500", null, ADMIN)
        .bodyAsJsonObject().getJsonArray("entries"), e -> e.stream().anyMatch(x -> "erasure completed"
        .equals(((JsonObject) x).getString("what"))));

    assertTrue(entries.stream().map(e -> (JsonObject) e).anyMatch(e -> "api:intern".equals(e.getString("who"))
        && "read".equals(e.getString("action")) && e.getString("subject", "").contains(leadId)), entries.encode());
    assertTrue(entries.stream().map(e -> (JsonObject) e).anyMatch(e -> "api:dpo".equals(e.getString("who"))
        && "erase".equals(e.getString("action"))), entries.encode());
    assertFalse(entries.encode().contains(email));
    assertEquals(403, api(HttpMethod.GET, "/api/audit", null, VIEWER).statusCode());
  }

  @Test
  void audit_pagesWithTheNextCursor() {
    for (int i = 0; i < 3; i++) {
      assertEquals(200, api(HttpMethod.GET, "/api/leads", null, ADMIN).statusCode());
    }
    Eventually.until(() -> api(HttpMethod.GET, "/api/audit?limit=500", null, ADMIN).bodyAsJsonObject()
        .getJsonArray("entries").size(), n -> n >= 3);

    JsonObject first = api(HttpMethod.GET, "/api/audit?limit=2", null, ADMIN).bodyAsJsonObject();
    JsonObject second = api(HttpMethod.GET, "/api/audit?limit=2&before=" + first.getString("next"), null, ADMIN)
        .bodyAsJsonObject();

    assertEquals(2, first.getJsonArray("entries").size());
    assertFalse(second.getJsonArray("entries").isEmpty());
    assertNotEquals(first.getJsonArray("entries").getJsonObject(0).getString("position"),
        second.getJsonArray("entries").getJsonObject(0).getString("position"));
  }

  @Test
  void retention_erasesLeadsIdleForLongerThanTheSitesDays_andKeepsActiveOnes() {
    String idleEmail = email();
    String idle = submit(visitor(), idleEmail);
    CLOCK.advance(Duration.ofDays(31));
    String active = submit(visitor(), email());

    int started = await(api.gateway().privacy().sweepRetention());

    assertTrue(started >= 1);
    Eventually.until(() -> await(api.stores().leads().lead(idle)).isEmpty(), gone -> gone);
    assertTrue(await(api.stores().leads().lead(active)).isPresent());
  }

  @Test
  void retention_isSweptByOneInstanceAtATime() {
    await(api.gateway().privacy().sweepRetention());

    List<String> leases = List.of("retention:acme");
    assertFalse(await(api.stores().erasures().lease(leases.get(0), "another-instance", 1000)));
  }
}
