package io.leadgate.scoring;

import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.clientIp;
import static io.leadgate.testing.ApiHarness.unique;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.identity.Conversion;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.LeadBackfill;
import io.leadgate.identity.SearchTokens;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoreStore.IndexEntry;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lead list sales work from (issue 12), over HTTP on both stores: junk left out of it, rows with first touch
 * and junk reason, and finding a lead with {@code q} from the search indexes.
 */
abstract class LeadListContract {
  static final String KEY = "test-api-key-0123456789";
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: crm, sha256: %s}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}, {name: name}, {name: company}]
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
        - id: trial
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}, {name: name}, {name: company}]
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
          junk: {freeMail: true}
      scoring:
        mql: {score: 1000}
        rules:
          - {id: ebook, event: form, form: ebook, points: 10}
          - {id: trial, event: form, form: trial, points: 105}
      """.formatted(ApiKeyAuth.hash(KEY));

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(YAML).clock(TestClock::running);

  /** Submits the form and answers the lead id, as soon as the form answered (nothing projected yet). */
  static String submit(String form, String visitor, JsonObject fields) {
    api.submit(form, new JsonObject().put("visitor", visitor).put("submission", unique("s"))
        .put("page", "https://www.acme.com/" + form).put("fields", fields), "X-Forwarded-For", clientIp("10.7.0."));
    String email = fields.getString("email").strip();
    String key = email.substring(0, email.lastIndexOf('@')).toLowerCase() + email.substring(email.lastIndexOf('@'))
        .toLowerCase();
    return api.leadIdOf(key);
  }

  static String submit(String email, String name, String company) {
    return submit("ebook", visitor(), new JsonObject().put("email", email).put("name", name).put("company", company));
  }

  static JsonObject list(String query) {
    return api.get(KEY, "/api/leads" + query);
  }

  static List<String> ids(JsonObject page) {
    return page.getJsonArray("leads").stream().map(l -> ((JsonObject) l).getString("id")).toList();
  }

  static List<String> found(String q) {
    return ids(list("?limit=200&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
  }

  static JsonObject rowOf(String leadId, String query) {
    return list(query).getJsonArray("leads").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("id").equals(leadId)).findFirst().orElseThrow(() -> new AssertionError(leadId));
  }

  /** Waits until the lead's form was scored, so that it is in the score index. */
  static void scored(String leadId) {
    Eventually.until(() -> await(api.stores().scores().state(leadId)), s -> !s.rules().isEmpty());
  }

  // ---- junk and list rows --------------------------------------------------------------------------------------

  @Test
  void listByScore_junkWithTheTopScore_leftOut() {
    String junk = submit("trial", visitor(), new JsonObject().put("email", unique("gamer") + "@gmail.com"));
    String real = submit(unique("buyer") + "@globex.com", "Bea", "Globex");
    scored(junk);
    scored(real);
    List<String> byScore = ids(list("?order=score&limit=200"));
    assertTrue(byScore.contains(real), byScore.toString());
    assertFalse(byScore.contains(junk), byScore.toString());
  }

  @Test
  void listByScore_stageDisqualifiedAskedFor_listsJunk() {
    String junk = submit("trial", visitor(), new JsonObject().put("email", unique("gamer") + "@gmail.com"));
    scored(junk);
    assertTrue(ids(list("?order=score&stage=disqualified&limit=200")).contains(junk));
  }

  @Test
  void listRow_junk_carriesItsReason() {
    String junk = submit("trial", visitor(), new JsonObject().put("email", unique("gamer") + "@gmail.com"));
    scored(junk);
    JsonObject row = rowOf(junk, "?stage=disqualified&limit=200");
    assertEquals("free email domain gmail.com", row.getString("disqualified_reason"));
  }

  @Test
  void listRow_carriesTheFirstTouchSourceMediumCampaign() {
    String lead = submit("ebook", visitorFrom("linkedin", "cpc", "q4-launch"),
        new JsonObject().put("email", unique("cmo") + "@initech.com"));
    JsonObject row = rowOf(lead, "?q=" + URLEncoder.encode(await(api.stores().leads().lead(lead)).orElseThrow().email(),
        StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("source", "linkedin").put("medium", "cpc").put("campaign", "q4-launch"),
        row.getJsonObject("first_touch"));
    assertNull(row.getString("disqualified_reason"));
  }

  // ---- order by score ------------------------------------------------------------------------------------------

  /** Every row of the list by score, page after page of {@code limit}. */
  static List<JsonObject> allByScore(int limit) {
    List<JsonObject> rows = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = list("?order=score&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      page.getJsonArray("leads").forEach(row -> rows.add((JsonObject) row));
      cursor = page.getString("next");
    } while (cursor != null);
    return rows;
  }

  /**
   * The list went by the score as of each lead's last change while its rows show the score now (behaviour decays):
   * a lead that scored high long ago stayed above one that scores more today.
   */
  @Test
  void orderByScore_isByTheScoreNow_acrossPages() {
    String early = submit("trial", visitor(), new JsonObject().put("email", unique("early") + "@initech.com"));
    scored(early);
    api.clock().advance(Duration.ofDays(120));
    try {
      String later = submit(unique("later") + "@globex.com", "Lee", "Globex");
      scored(later);
      List<JsonObject> rows = Eventually.until(() -> allByScore(2), all -> all.stream()
          .map(row -> row.getString("id")).toList().containsAll(List.of(early, later)));
      List<String> ids = rows.stream().map(row -> row.getString("id")).toList();
      assertEquals(ids.size(), Set.copyOf(ids).size(), "a lead on two pages: " + ids);
      assertTrue(ids.indexOf(later) < ids.indexOf(early), ids.toString());
      for (int i = 1; i < rows.size(); i++) {
        assertTrue(rows.get(i - 1).getDouble("score") >= rows.get(i).getDouble("score"), "row " + i + ": " + rows);
      }
    } finally {
      api.clock().advance(Duration.ofDays(-120));
    }
  }

  /**
   * Before the score index held ceilings it held each lead's score as of its last change, which is below the ceiling
   * when the behaviour is negative: a store written so is rebuilt once, each lead's entry at its ceiling.
   */
  @Test
  void ceilingsBackfill_entryWrittenBeforeCeilings_rewrittenAtTheLeadsCeilingAndSiteMarked() {
    String lead = submit(unique("old") + "@umbrella.com", "Olga", "Umbrella");
    scored(lead);
    ScoreResult now = await(api.gateway().scoring().refreshView(lead, "acme"));
    await(api.stores().scores().index("acme", new IndexEntry(lead, now.version(), now.stage(), 0.5, now.activity())));
    await(api.gateway().scoring().ceilingsBackfill(Future::succeededFuture).site("acme"));
    List<ScoreStore.IndexHit> hits = await(api.stores().scores().range("acme", null, ScoreStore.LeadOrder.SCORE, 10.0, 0,
        10_000));
    assertTrue(hits.contains(new ScoreStore.IndexHit(lead, 10.0)), hits.toString());
    assertTrue(await(api.stores().scores().ceilingsIndexed("acme")));
  }

  // ---- filters: score range, first touch, magnet, days made -----------------------------------------------------

  /** Records a page view with these UTM tags, so that the visitor's first touch is theirs. */
  static String visitorFrom(String source, String medium, String campaign) {
    String visitor = visitor();
    JsonObject view = new JsonObject().put("site", "acme").put("visitor", visitor).put("id", unique("e"))
        .put("type", "pageview").put("url", "https://www.acme.com/?utm_source=" + source)
        .put("utm", new JsonObject().put("source", source).put("medium", medium).put("campaign", campaign));
    api.events(view);
    Eventually.until(() -> await(api.stores().visitors().visitor("acme", visitor)), v -> v.isPresent());
    return visitor;
  }

  static HttpResponse<Buffer> listResponse(String query) {
    return api.call(KEY, HttpMethod.GET, "/api/leads" + query, null);
  }

  @Test
  void filterSource_keepsTheLeadsFirstTouchedThereAnyCase() {
    String domain = unique("touched") + ".com";
    String linkedin = submit("ebook", visitorFrom("linkedin", "cpc", "q4"), new JsonObject()
        .put("email", unique("a") + "@" + domain));
    String google = submit("ebook", visitorFrom("google", "cpc", "q4"), new JsonObject()
        .put("email", unique("b") + "@" + domain));
    String direct = submit(unique("c") + "@" + domain, "Cy", "Touched");
    assertEquals(List.of(linkedin), ids(list("?q=" + domain + "&source=LinkedIn")));
    assertEquals(Set.of(linkedin, google), Set.copyOf(ids(list("?q=" + domain + "&medium=cpc&campaign=q4"))));
    assertFalse(ids(list("?q=" + domain + "&medium=cpc")).contains(direct));
  }

  @Test
  void filterMagnet_keepsTheLeadsThatFormMade() {
    String domain = unique("magnet") + ".com";
    String byEbook = submit(unique("a") + "@" + domain, "Al", "Magnet");
    String byTrial = submit("trial", visitor(), new JsonObject().put("email", unique("b") + "@" + domain));
    Eventually.until(() -> await(api.stores().leads().stages(byTrial)), h -> !h.isEmpty());
    Eventually.until(() -> await(api.stores().leads().stages(byEbook)), h -> !h.isEmpty());
    assertEquals(List.of(byTrial), ids(list("?q=" + domain + "&magnet=trial")));
    assertEquals(List.of(byEbook), ids(list("?q=" + domain + "&magnet=ebook")));
    assertEquals(List.of(), ids(list("?q=" + domain + "&magnet=webinar")));
  }

  @Test
  void filterScoreRange_keepsTheLeadsFromMinToMaxBothIncluded() {
    String domain = unique("scored") + ".com";
    String ten = submit(unique("a") + "@" + domain, "Ten", "Scored");
    String hundred = submit("trial", visitor(), new JsonObject().put("email", unique("b") + "@" + domain));
    scored(ten);
    scored(hundred);
    assertEquals(List.of(ten), ids(list("?q=" + domain + "&min_score=5&max_score=50")));
    assertEquals(List.of(hundred), ids(list("?q=" + domain + "&min_score=50")));
    assertEquals(List.of(ten), ids(list("?q=" + domain + "&max_score=10")));
  }

  @Test
  void filterCreatedDays_keepsTheLeadsMadeOnThoseDaysOfTheSite() {
    String domain = unique("dated") + ".com";
    String lead = submit(unique("a") + "@" + domain, "Di", "Dated");
    java.time.LocalDate made = java.time.Instant.ofEpochMilli(await(api.stores().leads().lead(lead)).orElseThrow()
        .createdAt()).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    assertEquals(List.of(lead), ids(list("?q=" + domain + "&created_from=" + made + "&created_to=" + made)));
    assertEquals(List.of(), ids(list("?q=" + domain + "&created_to=" + made.minusDays(1))));
    assertEquals(List.of(), ids(list("?q=" + domain + "&created_from=" + made.plusDays(1))));
  }

  @Test
  void filterWithoutSearch_readsTheListIndexAndKeepsTheMatches() {
    String campaign = unique("launch");
    String lead = submit("ebook", visitorFrom("newsletter", "email", campaign), new JsonObject()
        .put("email", unique("a") + "@" + unique("plain") + ".com"));
    scored(lead);
    assertEquals(List.of(lead), ids(list("?order=recent&limit=5&campaign=" + campaign)));
  }

  @Test
  void filterMaxScoreBelowMinScore_400NamingMaxScore() {
    HttpResponse<Buffer> response = listResponse("?min_score=50&max_score=10");
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("max_score", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void filterCreatedNotADay_400NamingIt() {
    HttpResponse<Buffer> response = listResponse("?created_from=yesterday");
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("created_from", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  // ---- q -------------------------------------------------------------------------------------------------------

  @Test
  void q_freshLead_foundAtOnceByItsExactEmail() {
    String email = unique("bob") + "@globex.com";
    String lead = submit(email, "Bob", "Globex");
    assertEquals(List.of(lead), found(email));
  }

  @Test
  void q_emailTypedDifferently_normalisedAsAtSubmit() {
    String local = unique("Bob");
    String lead = submit("  " + local + "@Globex.COM ", "Bob", "Globex");
    assertEquals(List.of(lead), found(local.toUpperCase() + "@globex.com"));
  }

  @Test
  void q_unknownEmail_findsNothing() {
    assertEquals(List.of(), found(unique("nobody") + "@globex.com"));
  }

  @Test
  void q_emailDomain_findsEveryLeadThereAndNoOther() {
    String domain = unique("umbrella") + ".com";
    String first = submit(unique("a") + "@" + domain, "Ann", "Umbrella");
    String second = submit(unique("b") + "@" + domain, "Ben", "Umbrella");
    String elsewhere = submit(unique("c") + "@other-" + domain, "Cid", "Other");
    assertEquals(Set.of(first, second), Set.copyOf(found(domain)));
    assertEquals(Set.of(first, second), Set.copyOf(found("@" + domain.toUpperCase())));
    assertFalse(found(domain).contains(elsewhere));
  }

  @Test
  void q_startOfANameOrCompanyWord_caseInsensitive() {
    String surname = unique("zelinski");
    String company = unique("quokkasoft");
    String lead = submit(unique("z") + "@quokka.io", "Zoe " + surname, company + " GmbH");
    assertTrue(found("ZOE").contains(lead));
    assertEquals(List.of(lead), found(surname.substring(0, surname.length() - 2).toUpperCase()));
    assertEquals(List.of(lead), found(company));
    assertEquals(List.of(lead), found("zoe " + surname.substring(0, 4)));
  }

  @Test
  void q_fieldsChangedByALaterForm_foundByTheNewCompanyNotTheOld() {
    String email = unique("mover") + "@moving.com";
    String old = unique("oldcorp");
    String now = unique("newcorp");
    String lead = submit(email, "Max", old);
    submit(email, "Max", now);
    assertEquals(List.of(lead), found(now));
    assertEquals(List.of(), found(old));
  }

  @Test
  void q_manyMatches_pagedWithEachLeadOnce() {
    String company = unique("pager");
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      made.add(submit(unique("p") + "@paging.com", "P" + i, company));
    }
    Set<String> seen = new HashSet<>();
    String query = "?limit=3&q=" + company;
    List<Integer> sizes = new ArrayList<>();
    JsonObject page = list(query);
    while (true) {
      sizes.add(page.getJsonArray("leads").size());
      ids(page).forEach(id -> assertTrue(seen.add(id), "twice: " + id));
      if (page.getString("next") == null) {
        break;
      }
      page = list(query + "&cursor=" + page.getString("next"));
    }
    assertEquals(made, seen);
    assertEquals(List.of(3, 3, 1), sizes);
  }

  @Test
  void q_cursorOfAnotherSearch_400() {
    String company = unique("cursor");
    submit(unique("k") + "@cursor.com", "K", company);
    submit(unique("l") + "@cursor.com", "L", company);
    String next = list("?limit=1&q=" + company).getString("next");
    HttpResponse<Buffer> response = listResponse("?limit=1&q=other&cursor=" + next);
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("cursor", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void q_cursorAlteredPastTheMatches_anEmptyLastPage() {
    String company = unique("altered");
    String cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("q||" + company + "\0zzzz")
        .getBytes(StandardCharsets.UTF_8));
    JsonObject page = list("?q=" + company + "&cursor=" + cursor);
    assertEquals(List.of(), ids(page));
    assertNull(page.getString("next"));
  }

  /** A lead made before the search indexes existed: in the lead store and the email index only. */
  static String leadFromBefore(String email, String company) throws Exception {
    LeadIds ids = new LeadIds();
    return await(api.stores().leads().findOrCreate(new Conversion("acme", EmailAddress.parse(email), ids.get(),
        unique("old-"), visitor(), "ebook", Stage.LEAD, new JsonObject().put("company", company), new JsonArray(),
        new JsonObject(), null, 1, 60))).lead().id();
  }

  @Test
  void q_leadFromBeforeTheSearchIndexes_foundByEmailAtOnceAndByDomainAfterTheBackfill() throws Exception {
    // the gateway's own backfill at start-up, still running, would index the lead made below (a race seen on a cluster)
    Eventually.until(() -> await(api.stores().leadSearch().backfilled("acme")), done -> done);
    String domain = unique("legacy") + ".com";
    String company = unique("oldtimer");
    String email = unique("bob") + "@" + domain;
    String lead = leadFromBefore(email, company);
    assertEquals(List.of(lead), found(email));
    assertEquals(List.of(), found(domain));
    await(LeadBackfill.search(api.stores().leads(), api.stores().leadSearch(), Future::succeededFuture).site("acme"));
    assertEquals(List.of(lead), found(domain));
    assertEquals(List.of(lead), found(company));
    assertTrue(await(api.stores().leadSearch().backfilled("acme")));
  }

  /**
   * Before the search indexes, q filtered the score index's first 1,000 entries: a lead behind them was not found.
   * Here 20,000 leads with higher scores share the name's first letters, and the lead is still on the first page.
   */
  @Test
  void q_leadBehindTwentyThousandBetterScoredLeads_foundFromTheIndexAlone() {
    String surname = unique("needle");
    String lead = submit(unique("n") + "@haystack.com", "Nina " + surname, "Haystack");
    scored(lead);
    LeadIds ids = new LeadIds();
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = ids.get();
      Lead other = new Lead(id, "acme", id + "@haystack.com", Stage.LEAD, 1, 1, 1, new JsonObject()
          .put("name", surname.substring(0, 4) + i), new JsonArray(), new JsonObject(), null);
      writes.add(api.stores().leadSearch().index(other, SearchTokens.of(other)));
      writes.add(api.stores().scores().index("acme", new IndexEntry(id, 1, Stage.LEAD, 1_000 + i, 1)));
      if (writes.size() >= 2_000) {
        await(Future.all(writes));
        writes.clear();
      }
    }
    await(Future.all(writes));
    assertEquals(List.of(lead), ids(list("?limit=5&q=" + surname)));
    assertEquals(List.of(lead), ids(list("?limit=5&q=" + await(api.stores().leads().lead(lead)).orElseThrow().email())));
  }
}
