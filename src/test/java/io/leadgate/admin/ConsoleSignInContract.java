package io.leadgate.admin;

import static io.leadgate.testing.ApiHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Console sign-in, sessions and roles over real HTTP, on the in-memory store and on a real Redis: the cookie, the
 * limits on guessing, what each role may do, cross-site changes refused, and who changed what in the histories.
 */
abstract class ConsoleSignInContract {
  static final String PASSWORD = "correct horse battery staple";
  /** Cost 10, the lowest the configuration accepts, so that the suite does not wait on BCrypt. */
  static final String HASH = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(10));
  static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: reports, sha256: %s, role: viewer}
      users:
        - {name: alice, role: admin, passwordHash: "%s"}
        - {name: sam, role: sales, passwordHash: "%s"}
        - {name: vic, role: viewer, passwordHash: "%s"}
      console: {signInsPerUser: 3, signInsPerAddress: 5, sessionTtl: 1h}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          magnet: {url: "https://cdn.acme.com/ebook.pdf"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      webhooks:
        - id: crm
          url: http://127.0.0.1:9/hook
          secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
          allowSubnets: [127.0.0.0/8]
      """.formatted(ApiKeyAuth.hash(VIEWER_KEY), HASH, HASH, HASH);

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perTest(YAML).clock(TestClock::now);

  /** A signed-in user's cookie header value and CSRF token. */
  record Signed(String cookie, String csrf) {
  }

  HttpResponse<Buffer> signIn(String name, String password, String... headers) {
    return api.http().post("/api/session", new JsonObject().put("name", name).put("password", password).encode(),
        with(headers, "Content-Type", "application/json"));
  }

  Signed signedIn(String name) {
    HttpResponse<Buffer> response = signIn(name, PASSWORD);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    String setCookie = response.getHeader("Set-Cookie");
    return new Signed(setCookie.substring(0, setCookie.indexOf(';')), response.bodyAsJsonObject().getString("csrfToken"));
  }

  /** A change as the console makes it: same origin, the session cookie and the CSRF token. */
  HttpResponse<Buffer> change(Signed user, String path, JsonObject body) {
    return api.http().send(HttpMethod.POST, path, body.encode(), "Content-Type", "application/json",
        "Cookie", user.cookie(), "X-CSRF-Token", user.csrf(), "Origin", origin(), "Sec-Fetch-Site", "same-origin");
  }

  String origin() {
    return "http://127.0.0.1:" + api.port();
  }

  static String[] with(String[] headers, String... more) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  static String code(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  String newLead() {
    String email = "person" + System.nanoTime() + "@acme-corp.com";
    JsonObject body = new JsonObject().put("visitor", "v" + System.nanoTime()).put("submission", "s" + System.nanoTime())
        .put("page", "https://www.acme.com/ebook").put("fields", new JsonObject().put("email", email));
    HttpResponse<Buffer> response = api.http().post("/f/ebook", body.encode(), "Content-Type", "application/json");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return Eventually.until(() -> await(api.stores().leads().leadIdByEmail("acme", email)),
        java.util.Optional::isPresent).orElseThrow();
  }

  // ---- signing in and out ----------------------------------------------------------------------------------------

  @Test
  void signIn_rightPassword_setsAnHttpOnlyStrictExpiringCookie() {
    HttpResponse<Buffer> response = signIn("alice", PASSWORD);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    String cookie = response.getHeader("Set-Cookie");
    assertTrue(cookie.startsWith("lg_session="), cookie);
    assertTrue(cookie.contains("; HTTPOnly") || cookie.contains("; HttpOnly"), cookie);
    assertTrue(cookie.contains("; SameSite=Strict"), cookie);
    assertTrue(cookie.contains("; Max-Age=3600"), cookie);
    assertTrue(cookie.contains("; Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), "served over plain http: " + cookie);
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("alice", body.getString("name"));
    assertEquals("admin", body.getString("role"));
    assertEquals(43, body.getString("csrfToken").length());
  }

  @Test
  void signIn_overHttpsBehindATrustedProxy_cookieIsSecure() {
    HttpResponse<Buffer> response = signIn("alice", PASSWORD, "X-Forwarded-Proto", "https");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Set-Cookie").contains("; Secure"), response.getHeader("Set-Cookie"));
  }

  @Test
  void signIn_wrongPassword_401AndNoCookie() {
    HttpResponse<Buffer> response = signIn("alice", "not the password");
    assertEquals(401, response.statusCode());
    assertEquals("invalid_credentials", code(response));
    assertEquals(null, response.getHeader("Set-Cookie"));
  }

  @Test
  void signIn_unknownUser_theSame401AsAWrongPassword() {
    HttpResponse<Buffer> response = signIn("mallory", PASSWORD);
    assertEquals(401, response.statusCode());
    assertEquals("invalid_credentials", code(response));
  }

  @Test
  void signIn_withoutPassword_400NamingTheField() {
    HttpResponse<Buffer> response = api.http().post("/api/session", "{\"name\": \"alice\"}", "Content-Type", "application/json");
    assertEquals(400, response.statusCode());
    assertEquals("password", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void signIn_pastTheLimitForOneUser_429WithRetryAfterEvenWithTheRightPassword() {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, signIn("alice", "guess " + i).statusCode());
    }
    HttpResponse<Buffer> response = signIn("alice", PASSWORD);
    assertEquals(429, response.statusCode());
    assertEquals("too_many_sign_ins", code(response));
    assertNotNull(response.getHeader("Retry-After"));
    assertEquals(200, signIn("sam", PASSWORD).statusCode(), "another user is not locked out");
  }

  @Test
  void signIn_pastTheLimitForOneAddress_429ForEveryName() {
    for (String name : List.of("a1", "a2", "a3", "a4", "a5")) {
      assertEquals(401, signIn(name, "guess", "X-Forwarded-For", "203.0.113.7").statusCode());
    }
    assertEquals(429, signIn("alice", PASSWORD, "X-Forwarded-For", "203.0.113.7").statusCode());
    assertEquals(200, signIn("alice", PASSWORD, "X-Forwarded-For", "203.0.113.8").statusCode());
  }

  @Test
  void signIn_limitWindowOver_allowedAgain() {
    for (int i = 0; i < 4; i++) {
      signIn("vic", "guess " + i);
    }
    api.clock().advance(Duration.ofMinutes(16));
    // Redis counts its windows in its own time: end this one as its TTL would (the memory store follows the clock)
    api.store().flush();
    assertEquals(200, signIn("vic", PASSWORD).statusCode());
  }

  @Test
  void session_get_saysWhoIsSignedIn() {
    Signed sam = signedIn("sam");
    HttpResponse<Buffer> response = api.http().get("/api/session", "Cookie", sam.cookie());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("sam", response.bodyAsJsonObject().getString("name"));
    assertEquals("sales", response.bodyAsJsonObject().getString("role"));
    assertEquals(sam.csrf(), response.bodyAsJsonObject().getString("csrfToken"));
  }

  @Test
  void session_get_withoutCookie_401() {
    assertEquals(401, api.http().get("/api/session").statusCode());
  }

  @Test
  void session_opensTheApiForReading() {
    Signed vic = signedIn("vic");
    HttpResponse<Buffer> response = api.http().get("/api/leads", "Cookie", vic.cookie());
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void signOut_theSessionNoLongerOpensTheApi() {
    Signed vic = signedIn("vic");
    HttpResponse<Buffer> out = api.http().send(HttpMethod.DELETE, "/api/session", null, "Cookie", vic.cookie());
    assertEquals(204, out.statusCode());
    assertTrue(out.getHeader("Set-Cookie").contains("Max-Age=0"), out.getHeader("Set-Cookie"));
    HttpResponse<Buffer> after = api.http().get("/api/leads", "Cookie", vic.cookie());
    assertEquals(401, after.statusCode());
    assertEquals("session_expired", code(after));
  }

  @Test
  void session_afterItsTimeToLive_401() {
    Signed vic = signedIn("vic");
    api.clock().advance(Duration.ofMinutes(61));
    assertEquals(401, api.http().get("/api/leads", "Cookie", vic.cookie()).statusCode());
  }

  @Test
  void api_withoutSessionOrKey_401() {
    HttpResponse<Buffer> response = api.http().get("/api/leads");
    assertEquals(401, response.statusCode());
    assertEquals("application/json", response.getHeader("Content-Type"));
  }

  @Test
  void api_forgedSessionCookie_401() {
    assertEquals(401, api.http().get("/api/leads", "Cookie", "lg_session=forged-value").statusCode());
  }

  // ---- roles -----------------------------------------------------------------------------------------------------

  @Test
  void viewer_stageChange_403() {
    String lead = newLead();
    HttpResponse<Buffer> response = change(signedIn("vic"), "/api/leads/" + lead + "/stage",
        new JsonObject().put("stage", "sql").put("reason", "looks ready"));
    assertEquals(403, response.statusCode(), response.bodyAsString());
    assertEquals("forbidden_role", code(response));
    assertEquals("lead", await(api.stores().leads().lead(lead)).orElseThrow().stage().label());
  }

  @Test
  void viewerKey_stageChange_403() {
    String lead = newLead();
    HttpResponse<Buffer> response = api.http().post("/api/leads/" + lead + "/stage",
        new JsonObject().put("stage", "sql").encode(), "Authorization", "Bearer " + VIEWER_KEY,
        "Content-Type", "application/json");
    assertEquals(403, response.statusCode());
  }

  @Test
  void sales_stageChange_recordedWithTheUsersName() {
    String lead = newLead();
    HttpResponse<Buffer> response = change(signedIn("sam"), "/api/leads/" + lead + "/stage",
        new JsonObject().put("stage", "sql").put("reason", "called, ready to buy").put("user", "someone-else"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray history = api.http().get("/api/leads/" + lead, "Cookie", signedIn("vic").cookie()).bodyAsJsonObject()
        .getJsonArray("stage_history");
    JsonObject last = history.getJsonObject(history.size() - 1);
    assertEquals("sql", last.getString("stage"));
    assertEquals("user:sam", last.getString("by"));
  }

  @Test
  void sales_webhookReplay_403() {
    HttpResponse<Buffer> response = change(signedIn("sam"), "/api/webhooks/crm/replay",
        new JsonObject().put("since", "2020-01-01T00:00:00Z"));
    assertEquals(403, response.statusCode(), response.bodyAsString());
  }

  @Test
  void admin_replayAndEnable_recordedInTheEndpointsHistoryWithTheUsersName() {
    Signed alice = signedIn("alice");
    assertEquals(202, change(alice, "/api/webhooks/crm/replay", new JsonObject().put("since", "2020-01-01T00:00:00Z"))
        .statusCode());
    assertEquals(200, change(alice, "/api/webhooks/crm/enable", new JsonObject()).statusCode());
    JsonArray events = api.http().get("/api/ops/events", "Cookie", alice.cookie()).bodyAsJsonObject().getJsonArray("events");
    List<String> seen = events.stream().map(e -> ((JsonObject) e).getString("type") + " "
        + ((JsonObject) e).getString("endpoint") + " " + ((JsonObject) e).getString("by")).toList();
    assertTrue(seen.contains("endpoint.replayed crm user:alice"), seen.toString());
    assertTrue(seen.contains("endpoint.enabled crm user:alice"), seen.toString());
  }

  // ---- cross-site requests ---------------------------------------------------------------------------------------

  @Test
  void stageChange_fromAnotherOrigin_403() {
    String lead = newLead();
    Signed sam = signedIn("sam");
    HttpResponse<Buffer> response = api.http().send(HttpMethod.POST, "/api/leads/" + lead + "/stage",
        new JsonObject().put("stage", "sql").encode(), "Content-Type", "application/json", "Cookie", sam.cookie(),
        "X-CSRF-Token", sam.csrf(), "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
    assertEquals(403, response.statusCode());
    assertEquals("cross_site_request", code(response));
  }

  @Test
  void stageChange_withSessionButWithoutCsrfToken_403() {
    String lead = newLead();
    HttpResponse<Buffer> response = api.http().send(HttpMethod.POST, "/api/leads/" + lead + "/stage",
        new JsonObject().put("stage", "sql").encode(), "Content-Type", "application/json",
        "Cookie", signedIn("sam").cookie(), "Origin", origin());
    assertEquals(403, response.statusCode());
    assertEquals("csrf_token_invalid", code(response));
  }

  @Test
  void signIn_fromAnotherSite_403() {
    HttpResponse<Buffer> response = signIn("alice", PASSWORD, "Origin", "https://evil.example");
    assertEquals(403, response.statusCode());
    assertEquals(null, response.getHeader("Set-Cookie"));
  }
}
