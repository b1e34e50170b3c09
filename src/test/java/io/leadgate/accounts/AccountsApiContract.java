package io.leadgate.accounts;

import static io.leadgate.testing.ApiHarness.UA;
import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.clientIp;
import static io.leadgate.testing.ApiHarness.unique;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts end to end over HTTP, on every store: forms and events in, the account API and the account webhooks
 * (signed, ordered, mapped) out. Each test uses its own company domain: the gateway is shared by the class.
 */
abstract class AccountsApiContract {
  static final String KEY = "test-api-key-0123456789";
  static final AtomicInteger UNIQUE = new AtomicInteger();
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: crm, sha256: %s}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}, {name: role}, {name: company}, {name: name}]
          magnet: {url: "https://cdn.acme.com/ebook.pdf"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      scoring:
        mql: {score: 1000}
        rules:
          - {id: video, event: custom, name: video_played, points: 5}
          - {id: ebook, event: form, form: ebook, points: 10}
        accounts:
          behaviour: sum
          perPerson: 0
          engaged: 20
          qualified: 100
      webhookDelivery: {claimAfter: 1s, pollInterval: 20ms, jitter: 0}
      webhooks:
        - id: crm-accounts
          url: %s
          secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
          allowSubnets: [127.0.0.0/8]
          events: [account.updated, account.qualified]
          payload:
            fields: {kind: type, account: lead, company_domain: data.domain, stage: data.stage, people: data.leads}
      """;

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(h -> YAML.formatted(ApiKeyAuth.hash(KEY),
      h.receiver().url("/accounts"))).withReceiver().clock(TestClock::now);

  static String domain() {
    return "company" + UNIQUE.incrementAndGet() + "-" + visitor().substring(0, 6) + ".com";
  }

  static JsonObject video(String visitor) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e" + visitor().substring(0, 24))
        .put("type", "custom").put("url", "https://www.acme.com/video").put("name", "video_played");
  }

  static Future<HttpResponse<Buffer>> send(JsonObject event) {
    return api.sendEvents(event);
  }

  /** Submits the ebook form for a new visitor; returns the visitor once the lead's account holds it. */
  static String submit(String email, String role, String company) {
    String visitor = visitor();
    api.submit("ebook", new JsonObject().put("visitor", visitor).put("submission", unique("submission-"))
        .put("page", "https://www.acme.com/ebook")
        .put("fields", new JsonObject().put("email", email).put("role", role).put("company", company)),
        "X-Forwarded-For", clientIp("10.9.0."));
    return visitor;
  }

  static HttpResponse<Buffer> api(HttpMethod method, String path, JsonObject body) {
    return api.call(KEY, method, path, body);
  }

  static JsonObject account(String domain) {
    HttpResponse<Buffer> response = api(HttpMethod.GET, "/api/accounts/" + domain, null);
    return response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
  }

  static JsonObject accountWith(String domain, int leads) {
    return Eventually.until(() -> account(domain), a -> a != null && a.getJsonArray("leads").size() == leads
        && a.getJsonObject("score").getDouble("score") >= leads * 10.0, Duration.ofSeconds(30));
  }

  static List<JsonObject> webhooks(String domain, String kind) {
    return api.receiver().received().stream().map(Receiver.Request::json)
        .filter(j -> domain.equals(j.getString("company_domain")) && kind.equals(j.getString("kind"))).toList();
  }

  @Test
  void threeLeadsOfOneCompany_showAsOneAccount_withLeadsTimelineAndExplanation() {
    String domain = domain();
    submit("ann@" + domain, "CTO", "Acme Ltd");
    submit("bob@eu." + domain, "Engineer", null);
    submit("cy@" + domain, "Analyst", null);
    JsonObject account = accountWith(domain, 3);
    assertEquals("Acme Ltd", account.getJsonObject("fields").getString("company"));
    assertEquals(30.0, account.getJsonObject("score").getDouble("score"));
    assertEquals("engaged", account.getString("stage"));
    JsonArray explained = account.getJsonObject("score").getJsonObject("explanation").getJsonArray("leads");
    assertEquals(3, explained.size());
    assertEquals(10.0, explained.getJsonObject(0).getDouble("behaviour"));
    JsonArray timeline = account.getJsonArray("timeline");
    assertTrue(timeline.stream().anyMatch(t -> "account_joined".equals(((JsonObject) t).getString("kind"))));
    assertTrue(timeline.stream().anyMatch(t -> "lead_stage".equals(((JsonObject) t).getString("kind"))));
    assertTrue(timeline.stream().anyMatch(t -> "account_stage".equals(((JsonObject) t).getString("kind"))));

    JsonObject list = api(HttpMethod.GET, "/api/accounts?site=acme&order=recent&q=" + domain, null).bodyAsJsonObject();
    assertEquals(domain, list.getJsonArray("accounts").getJsonObject(0).getString("domain"));
    assertEquals(3, list.getJsonArray("accounts").getJsonObject(0).getInteger("leads"));
    Eventually.until(() -> webhooks(domain, "account.updated"), w -> !w.isEmpty(), Duration.ofSeconds(30));
  }

  @Test
  void accountsLeads_carryTheirNames_whenTheyHaveOne() {
    String domain = domain();
    String visitor = visitor();
    HttpResponse<Buffer> response = await(api.client().post("/f/ebook").putHeader("User-Agent", UA)
        .putHeader("X-Forwarded-For", "10.9.1." + (UNIQUE.incrementAndGet() % 250 + 1))
        .sendJsonObject(new JsonObject().put("visitor", visitor).put("submission", "submission-" + visitor)
            .put("page", "https://www.acme.com/ebook")
            .put("fields", new JsonObject().put("email", "ann@" + domain).put("name", "Ann Smith"))));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    submit("bob@" + domain, "Dev", null);
    JsonObject account = accountWith(domain, 2);
    List<Object> names = account.getJsonArray("leads").stream().map(l -> ((JsonObject) l).getValue("name")).toList();
    assertTrue(names.contains("Ann Smith"), names.toString());
    assertTrue(names.contains(null), names.toString());
  }

  @Test
  void freeMailLeads_makeNoAccount() {
    submit("someone" + UNIQUE.incrementAndGet() + "@gmail.com", "CTO", null);
    assertEquals(404, api(HttpMethod.GET, "/api/accounts/gmail.com", null).statusCode());
  }

  @Test
  void twentyConcurrentEvents_acrossTheLeads_sendOneAccountQualifiedWebhook() {
    String domain = domain();
    List<String> visitors = List.of(submit("ann@" + domain, "CTO", null), submit("bob@" + domain, "Dev", null),
        submit("cy@" + domain, "Ops", null));
    accountWith(domain, 3);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(send(video(visitors.get(i % 3))));
    }
    await(Future.all(sent)).list().forEach(r -> assertEquals(202, ((HttpResponse<?>) r).statusCode()));
    Eventually.until(() -> account(domain), a -> a.getString("stage").equals("qualified")
        && a.getJsonObject("score").getDouble("score") == 130.0, Duration.ofSeconds(30));
    Eventually.until(() -> webhooks(domain, "account.qualified"), w -> !w.isEmpty(), Duration.ofSeconds(30));
    JsonObject hook = webhooks(domain, "account.qualified").get(0);
    assertEquals("acme/" + domain, hook.getString("account"));
    assertEquals(3, hook.getJsonArray("people").size());
    assertEquals(1, account(domain).getJsonArray("timeline").stream()
        .filter(t -> "qualified".equals(((JsonObject) t).getString("stage"))
            && "account_stage".equals(((JsonObject) t).getString("kind"))).count());
    // a second one would have been delivered within the same time: the queue is empty by now
    Eventually.until(() -> webhooks(domain, "account.updated").size(), n -> n >= 4, Duration.ofSeconds(30));
    assertEquals(1, webhooks(domain, "account.qualified").size());
  }

  @Test
  void alias_declaredThroughTheApi_movesTheLeadsAndHistory() {
    String domain = domain();
    String alias = "alias-" + domain;
    submit("ann@" + domain, "CTO", null);
    submit("bob@" + alias, "Dev", null);
    accountWith(alias, 1);
    HttpResponse<Buffer> merged = api(HttpMethod.POST, "/api/accounts/" + domain + "/aliases",
        new JsonObject().put("alias", alias));
    assertEquals(200, merged.statusCode(), merged.bodyAsString());
    JsonObject account = merged.bodyAsJsonObject();
    assertEquals(2, account.getJsonArray("leads").size());
    assertEquals(alias, account.getJsonArray("merged").getString(0));
    assertTrue(account.getJsonArray("timeline").stream()
        .anyMatch(t -> "account_merged".equals(((JsonObject) t).getString("kind"))));
  }

  @Test
  void stageFilter_listsOnlyTheAccountsAtThatStage() {
    String engaged = domain();
    String quiet = domain();
    submit("ann@" + engaged, "CTO", null);
    submit("bob@" + engaged, "Dev", null);
    submit("cy@" + quiet, "Ops", null);
    Eventually.until(() -> account(engaged), a -> a != null && "engaged".equals(a.getString("stage")),
        Duration.ofSeconds(30));
    accountWith(quiet, 1);
    List<String> shown = api(HttpMethod.GET, "/api/accounts?site=acme&order=recent&limit=200&stage=engaged", null)
        .bodyAsJsonObject().getJsonArray("accounts").stream().map(a -> ((JsonObject) a).getString("domain")).toList();
    assertTrue(shown.contains(engaged), shown.toString());
    assertTrue(!shown.contains(quiet), shown.toString());
  }

  @Test
  void stageFilterWithQ_findsTheAccountOnlyAtItsStage() {
    String domain = domain();
    submit("ann@" + domain, "CTO", null);
    accountWith(domain, 1);
    assertEquals(1, api(HttpMethod.GET, "/api/accounts?site=acme&q=" + domain + "&stage=none", null)
        .bodyAsJsonObject().getJsonArray("accounts").size());
    assertEquals(0, api(HttpMethod.GET, "/api/accounts?site=acme&q=" + domain + "&stage=qualified", null)
        .bodyAsJsonObject().getJsonArray("accounts").size());
  }

  // The store orders by the score as of each account's last change: an account untouched for two half-lives stayed
  // above a newer one with a lower score that is now higher.
  @Test
  void orderByScore_isByTheScoreNow_notAsOfEachAccountsLastChange() {
    String older = domain();
    submit("ann@" + older, "CTO", null);
    submit("bob@" + older, "Dev", null);
    submit("cy@" + older, "Ops", null);
    accountWith(older, 3);
    api.clock().advance(Duration.ofDays(60));
    String newer = domain();
    submit("ann@" + newer, "CTO", null);
    submit("bob@" + newer, "Dev", null);
    accountWith(newer, 2);
    List<JsonObject> rows = api(HttpMethod.GET, "/api/accounts?site=acme&order=score&limit=200", null)
        .bodyAsJsonObject().getJsonArray("accounts").stream().map(a -> (JsonObject) a).toList();
    List<String> domains = rows.stream().map(a -> a.getString("domain")).toList();
    assertTrue(domains.indexOf(newer) < domains.indexOf(older), domains.toString());
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i - 1).getDouble("score") >= rows.get(i).getDouble("score"), rows.toString());
    }
  }

  @Test
  void badStage_is400_namingTheField() {
    HttpResponse<Buffer> response = api(HttpMethod.GET, "/api/accounts?stage=mql", null);
    assertEquals(400, response.statusCode());
    assertEquals("stage", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void badOrder_is400_namingTheField() {
    HttpResponse<Buffer> response = api(HttpMethod.GET, "/api/accounts?order=size", null);
    assertEquals(400, response.statusCode());
    assertEquals("order", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void aliasWithoutBody_is400() {
    assertEquals(400, api(HttpMethod.POST, "/api/accounts/acme.com/aliases", new JsonObject()).statusCode());
  }
}
