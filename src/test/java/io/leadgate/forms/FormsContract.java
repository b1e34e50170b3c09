package io.leadgate.forms;

import static io.leadgate.testing.ApiHarness.UA;
import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.unique;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadChanges;
import io.leadgate.identity.LeadHistory;
import io.leadgate.identity.Stage;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Outboxes;
import io.leadgate.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forms feature end to end over HTTP, on the in-memory store and on a real Redis: the snippet's JSON and a
 * plain HTML form, every refusal, every spam defence and junk rule, identity joining and the magnet link.
 */
abstract class FormsContract {
  static final byte[] PAPER = "%PDF-1.4 a tiny paper".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final AtomicInteger UNIQUE = new AtomicInteger();

  static String yaml(Path assets) {
    return """
        server:
          trustedProxies: ["127.0.0.1"]
        secret: test-secret-0123456789abcdef0123456789
        assets: "%s"
        sites:
          - key: demo
            allowedOrigins: ["https://www.acme.com"]
          - key: b2b
            allowedOrigins: ["https://b2b.acme.com"]
        forms:
          - id: ebook
            site: demo
            kind: magnet
            fields:
              - {name: email, type: email, required: true}
              - {name: name, maxLength: 20}
              - {name: company}
              - {name: role}
              - {name: country, type: select, values: [DE, FR, US, RU]}
              - {name: phone, type: tel}
              - {name: code, pattern: "[A-Z]{3}"}
              - {name: consent_privacy, type: checkbox, required: true, consent: privacy, text: "I agree to the privacy policy."}
            magnet: {url: "https://cdn.acme.com/ebook.pdf", linkTtlHours: 1}
            rateLimit: {perIp: 3, perEmail: 2}
            junk: {countries: [RU], roles: [student], competitors: [rival.com]}
          - id: paper
            site: b2b
            kind: magnet
            fields: [{name: email, type: email, required: true}]
            magnet: {file: paper.pdf}
            thankYou: "https://b2b.acme.com/thanks"
            junk: {freeMail: true}
          - id: news
            site: demo
            kind: newsletter
            fields: [{name: email, type: email, required: true}]
            spam: {requireToken: true}
          - id: webinar
            site: demo
            kind: webinar
            fields: [{name: email, type: email, required: true}, {name: name}]
            rateLimit: {perIp: 0, perEmail: 0}
        """.formatted(assets);
  }

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(h -> yaml(assets())).clock(TestClock::now);

  /** A folder of assets the gateway serves: the paper of the magnet forms. */
  static Path assets() {
    try {
      Path assets = Files.createTempDirectory("leadgate-assets-");
      Files.write(assets.resolve("paper.pdf"), PAPER);
      return assets;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  static String email() {
    return unique("person") + "@acme-corp.com";
  }

  static String ip() {
    int n = UNIQUE.incrementAndGet();
    return "10.1." + (n / 250) + "." + (n % 250 + 1);
  }

  /** A render token as the snippet fetches it on page load, and the time a person takes to fill the form in. */
  static String renderedToken(String form) {
    String token = api.client().get("/f/" + form + "/token").send().await().bodyAsJsonObject().getString("token");
    api.clock().advance(Duration.ofSeconds(5));
    return token;
  }

  static JsonObject submission(String form, JsonObject fields) {
    return new JsonObject().put("visitor", visitor()).put("submission", unique("submission-"))
        .put("token", renderedToken(form)).put("page", "https://www.acme.com/ebook").put("fields", fields);
  }

  static JsonObject person(String email) {
    return new JsonObject().put("email", email).put("name", "Ann").put("consent_privacy", true).put("website", "");
  }

  static HttpResponse<Buffer> post(String form, JsonObject body) {
    return post(form, body, ip());
  }

  static HttpResponse<Buffer> post(String form, JsonObject body, String ip) {
    return await(api.client().post("/f/" + form).putHeader("X-Forwarded-For", ip).putHeader("User-Agent", UA)
        .sendJsonObject(body));
  }

  static HttpResponse<Buffer> postForm(String form, MultiMap fields, String referer) {
    return await(api.client().post("/f/" + form).putHeader("X-Forwarded-For", ip()).putHeader("Referer", referer)
        .sendForm(fields));
  }

  static HttpResponse<Buffer> get(String absoluteOrPath) {
    String path = absoluteOrPath.replaceFirst("^https?://[^/]+", "");
    return await(api.client().get(path).putHeader("User-Agent", UA).send());
  }

  static Optional<Lead> leadOf(String site, String email) {
    return await(api.stores().leads().leadIdByEmail(site, email.toLowerCase()))
        .flatMap(id -> await(api.stores().leads().lead(id)));
  }

  static void assertOk(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(true, response.bodyAsJsonObject().getBoolean("ok"), response.bodyAsString());
  }

  static List<JsonObject> timeline(String site, String visitor) {
    return await(api.stores().visitors().timeline(site, visitor, 100));
  }

  static void assertInvalid(JsonObject fields, String field, String message) {
    HttpResponse<Buffer> response = post("ebook", submission("ebook", fields));
    assertEquals(422, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_fields", error.getString("code"));
    assertEquals(field, error.getString("field"));
    assertEquals(new JsonObject().put("field", field).put("code", message.equals("is required") ? "required" : "invalid")
        .put("message", message), error.getJsonArray("fields").getJsonObject(0));
    assertEquals(1, error.getJsonArray("fields").size());
  }

  // ---- tokens --------------------------------------------------------------------------------------------------

  @Test
  void token_knownForm_answersASignedToken() {
    HttpResponse<Buffer> response = get("/f/ebook/token");
    assertEquals(200, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("token").contains("."));
    assertEquals("no-store", response.getHeader("Cache-Control"));
  }

  @Test
  void token_unknownForm_404() {
    assertEquals(404, get("/f/nope/token").statusCode());
  }

  // ---- the JSON path -------------------------------------------------------------------------------------------

  @Test
  void submit_json_createsLeadAndAnswersWithTheDownloadLink() {
    String email = email();
    HttpResponse<Buffer> response = post("ebook", submission("ebook", person(email).put("company", "Acme")));
    assertOk(response);
    JsonObject answer = response.bodyAsJsonObject();
    assertTrue(answer.getString("download").matches("http://127\\.0\\.0\\.1:\\d+/d/.+"), answer.encode());
    assertNull(answer.getString("redirect"));
    Lead lead = leadOf("demo", email).orElseThrow();
    assertEquals(Stage.LEAD, lead.stage());
    assertEquals("Acme", lead.fields().getString("company"));
    assertEquals(email, lead.email());
  }

  @Test
  void submit_json_recordsTheConsentWithItsTextFormAndAnonymisedIp() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email)), "203.0.113.77"));
    JsonObject consent = leadOf("demo", email).orElseThrow().consents().getJsonObject(0);
    assertEquals("privacy", consent.getString("kind"));
    assertEquals("I agree to the privacy policy.", consent.getString("text"));
    assertEquals("ebook", consent.getString("form"));
    assertEquals("203.0.113.0", consent.getString("ip"));
    assertEquals(api.clock().millis(), consent.getLong("at"));
  }

  @Test
  void submit_json_writesLeadCreatedToTheOutbox() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email))));
    Lead lead = leadOf("demo", email).orElseThrow();
    List<DomainEvent> events = Outboxes.of(api.stores(), lead.id());
    assertEquals(List.of(LeadChanges.CREATED), events.stream().map(DomainEvent::type).toList());
  }

  @Test
  void submit_json_formEventLandsOnTheVisitorTimeline() {
    JsonObject body = submission("ebook", person(email()));
    assertOk(post("ebook", body));
    List<JsonObject> entries = Eventually.until(() -> timeline("demo", body.getString("visitor")),
        list -> list.stream().anyMatch(e -> "form".equals(e.getString("type"))));
    JsonObject form = entries.stream().filter(e -> "form".equals(e.getString("type"))).findFirst().orElseThrow();
    assertEquals("ebook", form.getString("name"));
  }

  @Test
  void submit_newsletter_makesASubscriber() {
    String email = email();
    assertOk(post("news", submission("news", new JsonObject().put("email", email))));
    assertEquals(Stage.SUBSCRIBER, leadOf("demo", email).orElseThrow().stage());
  }

  @Test
  void submit_unknownForm_404() {
    assertEquals(404, post("nope", submission("ebook", person(email()))).statusCode());
  }

  @Test
  void submit_originNotAllowedForTheFormsSite_403() {
    HttpResponse<Buffer> response = await(api.client().post("/f/ebook").putHeader("Origin", "https://b2b.acme.com")
        .sendJsonObject(submission("ebook", person(email()))));
    assertEquals(403, response.statusCode());
    assertEquals("origin_not_allowed", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void submit_allowedOrigin_accepted() {
    HttpResponse<Buffer> response = await(api.client().post("/f/ebook").putHeader("Origin", "https://www.acme.com")
        .putHeader("X-Forwarded-For", ip()).sendJsonObject(submission("ebook", person(email()))));
    assertOk(response);
  }

  @Test
  void submit_notJson_400() {
    HttpResponse<Buffer> response = await(api.client().post("/f/ebook").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{nope")));
    assertEquals(400, response.statusCode());
  }

  // ---- validation ----------------------------------------------------------------------------------------------

  @Test
  void submit_invalidEmail_422() {
    assertInvalid(person("ann@"), "email", "must be a valid email address");
  }

  // The two body shapes: several wrong fields came as {"errors": {...}}, every other refusal as {"error": {...}}.
  @Test
  void submit_twoFieldsWrong_422WithBothInsideTheOneErrorShape() {
    HttpResponse<Buffer> response = post("ebook", submission("ebook", person("ann@").put("consent_privacy", false)));
    assertEquals(422, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_fields", error.getString("code"));
    assertEquals("email", error.getString("field"));
    assertEquals("2 fields are not valid", error.getString("message"));
    assertEquals(new JsonArray()
        .add(new JsonObject().put("field", "email").put("code", "invalid").put("message", "must be a valid email address"))
        .add(new JsonObject().put("field", "consent_privacy").put("code", "invalid").put("message", "must be accepted")),
        error.getJsonArray("fields"));
    assertEquals(1, response.bodyAsJsonObject().size(), "nothing beside the error");
  }

  @Test
  void submit_missingEmail_422() {
    JsonObject fields = person("x");
    fields.remove("email");
    assertInvalid(fields, "email", "is required");
  }

  @Test
  void submit_emailLocalPartOver64_422() {
    assertInvalid(person("a".repeat(65) + "@acme.com"), "email", "the part before the @ must be at most 64 characters");
  }

  @Test
  void submit_privacyConsentNotGiven_422() {
    assertInvalid(person(email()).put("consent_privacy", false), "consent_privacy", "must be accepted");
  }

  @Test
  void submit_fieldTooLong_422() {
    assertInvalid(person(email()).put("name", "x".repeat(21)), "name", "must be at most 20 characters");
  }

  @Test
  void submit_lineBreakInAField_422() {
    assertInvalid(person(email()).put("name", "Ann\r\nBcc: all@acme.com"), "name", "must not contain line breaks");
  }

  @Test
  void submit_selectValueNotAllowed_422() {
    assertInvalid(person(email()).put("country", "XX"), "country", "must be one of DE, FR, US, RU");
  }

  @Test
  void submit_patternMismatch_422() {
    assertInvalid(person(email()).put("code", "abc"), "code", "is not in the expected format");
  }

  @Test
  void submit_notAPhoneNumber_422() {
    assertInvalid(person(email()).put("phone", "ring me"), "phone", "must be a phone number");
  }

  @Test
  void submit_unknownFields_dropped() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email).put("stage", "customer").put("admin", true))));
    Lead lead = leadOf("demo", email).orElseThrow();
    assertNull(lead.fields().getValue("stage"));
    assertNull(lead.fields().getValue("admin"));
    assertEquals(Stage.LEAD, lead.stage());
  }

  @Test
  void submit_emailNormalised_trimmedAndDomainLowerCase() {
    String local = unique("Ann");
    assertOk(post("ebook", submission("ebook", person("  " + local + "@ACME-Corp.COM "))));
    assertEquals(local + "@acme-corp.com", leadOf("demo", local + "@acme-corp.com").orElseThrow().email());
  }

  // ---- the plain HTML path -------------------------------------------------------------------------------------

  @Test
  void submit_urlencoded_redirectsToTheThankYouPageWithTheDownload() {
    String email = email();
    HttpResponse<Buffer> response = postForm("paper", MultiMap.caseInsensitiveMultiMap().add("email", email)
        .add("website", ""), "https://b2b.acme.com/whitepaper");
    assertEquals(303, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Location").startsWith("https://b2b.acme.com/thanks?lg_download=http"),
        response.getHeader("Location"));
    assertTrue(leadOf("b2b", email).isPresent());
  }

  @Test
  void submit_urlencodedWithoutThankYouUrl_showsAPageWithTheDownload() {
    String email = email();
    HttpResponse<Buffer> response = postForm("ebook", MultiMap.caseInsensitiveMultiMap().add("email", email)
        .add("consent_privacy", "yes").add("website", ""), "https://www.acme.com/ebook");
    assertEquals(200, response.statusCode());
    assertTrue(response.bodyAsString().contains("/d/"), response.bodyAsString());
    assertTrue(leadOf("demo", email).isPresent());
  }

  @Test
  void submit_urlencodedInvalid_redirectsBackWithTheErrors() {
    HttpResponse<Buffer> response = postForm("ebook", MultiMap.caseInsensitiveMultiMap().add("email", "ann@"),
        "https://www.acme.com/ebook?x=1");
    assertEquals(303, response.statusCode());
    assertEquals("https://www.acme.com/ebook?x=1&lg_form=ebook&lg_error.email=must+be+a+valid+email+address"
        + "&lg_error.consent_privacy=must+be+accepted", response.getHeader("Location"));
  }

  @Test
  void submit_urlencodedWithRenderToken_tooFastIsSpam() {
    String email = email();
    String token = api.client().get("/f/paper/token").send().await().bodyAsJsonObject().getString("token");
    HttpResponse<Buffer> response = postForm("paper", MultiMap.caseInsensitiveMultiMap().add("email", email)
        .add("_lg_t", token), "https://b2b.acme.com/whitepaper");
    assertEquals(303, response.statusCode());
    assertTrue(leadOf("b2b", email).isEmpty());
  }

  // ---- spam: the same answer, no lead --------------------------------------------------------------------------

  @Test
  void submit_honeypotFilled_sameAnswerNoLead() {
    String email = email();
    HttpResponse<Buffer> response = post("ebook", submission("ebook", person(email).put("website", "http://spam")));
    assertOk(response);
    assertNotNull(response.bodyAsJsonObject().getString("download"));
    assertTrue(leadOf("demo", email).isEmpty());
  }

  @Test
  void submit_fasterThanAPerson_sameAnswerNoLead() {
    String email = email();
    JsonObject body = submission("ebook", person(email));
    body.put("token", api.client().get("/f/ebook/token").send().await().bodyAsJsonObject().getString("token"));
    api.clock().advance(Duration.ofSeconds(1));
    assertOk(post("ebook", body));
    assertTrue(leadOf("demo", email).isEmpty());
  }

  @Test
  void submit_forgedToken_sameAnswerNoLead() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email)).put("token", "cjEuZWJvb2suMS5h.AAAAAAAAAAAAAAAAAAAAAA")));
    assertTrue(leadOf("demo", email).isEmpty());
  }

  @Test
  void submit_disposableEmail_sameAnswerNoLead() {
    String email = unique("bot") + "@mailinator.com";
    assertOk(post("ebook", submission("ebook", person(email))));
    assertTrue(leadOf("demo", email).isEmpty());
  }

  @Test
  void submit_withoutToken_acceptedWhenTheFormDoesNotRequireOne() {
    String email = email();
    JsonObject body = submission("ebook", person(email));
    body.remove("token");
    assertOk(post("ebook", body));
    assertTrue(leadOf("demo", email).isPresent());
  }

  @Test
  void submit_withoutTokenWhereRequired_sameAnswerNoLead() {
    String email = email();
    JsonObject body = submission("news", new JsonObject().put("email", email));
    body.remove("token");
    assertOk(post("news", body));
    assertTrue(leadOf("demo", email).isEmpty());
  }

  @Test
  void submit_spam_countedByDefence() {
    post("ebook", submission("ebook", person(email()).put("website", "x")));
    assertTrue(api.gateway().metrics().scrape().matches(
        "(?s).*leadgate_forms_spam_total\\{defence=\"honeypot\",form=\"ebook\"} [1-9].*"));
  }

  // ---- rate limits: a person gets 429 and may retry --------------------------------------------------------------

  @Test
  void submit_overTheIpLimit_429WithRetryAfter() {
    String ip = ip();
    for (int i = 0; i < 3; i++) {
      assertOk(post("ebook", submission("ebook", person(email())), ip));
    }
    HttpResponse<Buffer> response = post("ebook", submission("ebook", person(email())), ip);
    assertEquals(429, response.statusCode());
    assertTrue(Long.parseLong(response.getHeader("Retry-After")) > 0);
  }

  @Test
  void submit_overTheEmailLimit_429() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email))));
    assertOk(post("ebook", submission("ebook", person(email))));
    assertEquals(429, post("ebook", submission("ebook", person(email))).statusCode());
  }

  // ---- junk: kept, disqualified, with the reason ---------------------------------------------------------------

  @Test
  void submit_freeMailOnB2bForm_disqualified() {
    String email = unique("ann") + "@gmail.com";
    HttpResponse<Buffer> response = await(api.client().post("/f/paper").putHeader("X-Forwarded-For", ip())
        .sendJsonObject(submission("paper", new JsonObject().put("email", email))));
    assertOk(response);
    Lead lead = leadOf("b2b", email).orElseThrow();
    assertEquals(Stage.DISQUALIFIED, lead.stage());
    assertEquals("free email domain gmail.com", lead.disqualifiedReason());
    assertEquals(LeadChanges.DISQUALIFIED, Outboxes.of(api.stores(), lead.id()).get(0).type());
  }

  @Test
  void submit_excludedCountry_disqualified() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email).put("country", "RU"))));
    assertEquals("excluded country RU", leadOf("demo", email).orElseThrow().disqualifiedReason());
  }

  @Test
  void submit_studentRole_disqualified() {
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email).put("role", "Student"))));
    assertEquals("role keyword student", leadOf("demo", email).orElseThrow().disqualifiedReason());
  }

  @Test
  void submit_competitorDomain_disqualified() {
    String email = unique("spy") + "@rival.com";
    assertOk(post("ebook", submission("ebook", person(email))));
    assertEquals(Stage.DISQUALIFIED, leadOf("demo", email).orElseThrow().stage());
  }

  // ---- identity ------------------------------------------------------------------------------------------------

  @Test
  void submit_visitorWithEarlierHistory_historyJoinedToTheLead() {
    String visitor = visitor();
    HttpResponse<Buffer> pageview = await(api.client().post("/e").putHeader("Content-Type", "text/plain")
        .putHeader("User-Agent", UA).sendBuffer(Buffer.buffer(new JsonObject().put("site", "demo")
            .put("visitor", visitor).put("type", "pageview").put("url", "https://www.acme.com/pricing")
            .put("utm", new JsonObject().put("source", "newsletter").put("medium", "email")).encode())));
    assertEquals(202, pageview.statusCode());
    Eventually.until(() -> await(api.stores().visitors().visitor("demo", visitor)), Optional::isPresent);
    String email = email();
    assertOk(post("ebook", submission("ebook", person(email)).put("visitor", visitor)));
    Lead lead = leadOf("demo", email).orElseThrow();
    assertEquals("newsletter / email", lead.firstTouch().getString("source"));
    assertEquals(List.of("demo:" + visitor), await(api.stores().leads().visitors(lead.id())));
    assertEquals(lead.id(), await(api.stores().visitors().visitor("demo", visitor)).orElseThrow().leadId());
    List<JsonObject> history = Eventually.until(
        () -> await(new LeadHistory(api.stores().leads(), api.stores().visitors()).of(lead.id(), 50)), list -> list.size() == 2);
    assertEquals(List.of("form", "pageview"), history.stream().map(e -> e.getString("type")).toList());
  }

  @Test
  void submit_sameEmailTwoVisitors_oneLead() {
    String email = email();
    JsonObject first = submission("ebook", person(email));
    JsonObject second = submission("ebook", new JsonObject().put("email", email.toUpperCase())
        .put("company", "Acme").put("consent_privacy", true));
    assertOk(post("ebook", first));
    assertOk(post("ebook", second));
    Lead lead = leadOf("demo", email).orElseThrow();
    assertEquals(List.of("demo:" + first.getString("visitor"), "demo:" + second.getString("visitor")).stream().sorted()
        .toList(), await(api.stores().leads().visitors(lead.id())));
    assertEquals("Ann", lead.fields().getString("name"));
    assertEquals("Acme", lead.fields().getString("company"));
    assertEquals(List.of(LeadChanges.CREATED, LeadChanges.UPDATED),
        Outboxes.of(api.stores(), lead.id()).stream().map(DomainEvent::type).toList());
  }

  @Test
  void submit_twentyConcurrentWithOneEmail_oneLead() {
    String email = email();
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      bodies.add(submission("webinar", new JsonObject().put("email", email).put("name", "Try " + i)));
    }
    List<Future<HttpResponse<Buffer>>> sent = bodies.stream().map(body -> api.client().post("/f/webinar")
        .putHeader("X-Forwarded-For", "10.9.9.9").sendJsonObject(body)).toList();
    await(Future.all(sent));
    sent.forEach(f -> assertOk(f.result()));
    Lead lead = leadOf("demo", email).orElseThrow();
    assertEquals(20, await(api.stores().leads().visitors(lead.id())).size());
    List<DomainEvent> events = Outboxes.of(api.stores(), lead.id());
    assertEquals(20, events.size());
    assertEquals(1, events.stream().filter(e -> e.type().equals(LeadChanges.CREATED)).count());
  }

  @Test
  void submit_retriedWithTheSameSubmissionId_oneLeadOneEvent() {
    String email = email();
    JsonObject body = submission("ebook", person(email));
    assertOk(post("ebook", body));
    HttpResponse<Buffer> retry = post("ebook", body);
    assertOk(retry);
    assertNotNull(retry.bodyAsJsonObject().getString("download"));
    Lead lead = leadOf("demo", email).orElseThrow();
    assertEquals(1, Outboxes.of(api.stores(), lead.id()).size());
    List<JsonObject> entries = Eventually.until(() -> timeline("demo", body.getString("visitor")), l -> !l.isEmpty());
    assertEquals(1, entries.stream().filter(e -> "form".equals(e.getString("type"))).count());
  }

  // ---- the magnet link -----------------------------------------------------------------------------------------

  @Test
  void download_validLink_redirectsToTheMagnetAndRecordsTheDownload() {
    JsonObject body = submission("ebook", person(email()));
    String link = post("ebook", body).bodyAsJsonObject().getString("download");
    HttpResponse<Buffer> response = get(link);
    assertEquals(302, response.statusCode());
    assertEquals("https://cdn.acme.com/ebook.pdf", response.getHeader("Location"));
    Eventually.until(() -> timeline("demo", body.getString("visitor")),
        list -> list.stream().anyMatch(e -> "download".equals(e.getString("type"))));
  }

  @Test
  void download_fileMagnet_servesTheFileFromTheAssetsFolder() {
    String link = await(api.client().post("/f/paper").putHeader("X-Forwarded-For", ip())
        .sendJsonObject(submission("paper", new JsonObject().put("email", email())))).bodyAsJsonObject()
        .getString("download");
    HttpResponse<Buffer> response = get(link);
    assertEquals(200, response.statusCode());
    assertEquals("application/pdf", response.getHeader("Content-Type"));
    assertEquals(Buffer.buffer(PAPER), response.body());
  }

  @Test
  void download_expiredLink_403() {
    String link = post("ebook", submission("ebook", person(email()))).bodyAsJsonObject().getString("download");
    api.clock().advance(Duration.ofHours(2));
    HttpResponse<Buffer> response = get(link);
    assertEquals(403, response.statusCode());
    assertEquals("link_expired", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void download_tamperedLink_403() {
    String link = post("ebook", submission("ebook", person(email()))).bodyAsJsonObject().getString("download");
    String tampered = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
    HttpResponse<Buffer> response = get(tampered);
    assertEquals(403, response.statusCode());
    assertEquals("link_invalid", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }
}
