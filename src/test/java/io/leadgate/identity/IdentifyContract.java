package io.leadgate.identity;

import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.unique;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.collect.IdentifyListener;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Outboxes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same person on two devices (issue 12): browser A submits a form, browser B calls
 * {@code leadgate('identify', {email})}. Over HTTP, on both stores.
 */
abstract class IdentifyContract {
  static final String KEY = "test-api-key-0123456789";
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: crm, sha256: %s}
      forms:
        - id: ebook
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}, {name: name}]
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      """.formatted(ApiKeyAuth.hash(KEY));

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(YAML);

  static String email() {
    return unique("ada") + "@acme-corp.com";
  }

  /** Browser A: submits the form; answers the lead, once the form event is on A's timeline. */
  static Lead submitOn(String visitorA, String email) {
    api.submit("ebook", new JsonObject().put("visitor", visitorA).put("submission", "s-" + visitor())
        .put("page", "https://www.acme.com/ebook")
        .put("fields", new JsonObject().put("email", email).put("name", "Ada")));
    Eventually.until(() -> await(api.stores().visitors().timeline("acme", visitorA, 10)), t -> !t.isEmpty());
    return await(api.stores().leads().lead(api.leadIdOf(email))).orElseThrow();
  }

  static HttpResponse<Buffer> send(JsonObject... events) {
    return api.events(events);
  }

  static JsonObject pageview(String visitor, String path) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e-" + visitor())
        .put("type", "pageview").put("url", "https://www.acme.com" + path);
  }

  /** What the snippet sends for {@code leadgate('identify', {email})}. */
  static JsonObject identify(String visitor, String email) {
    return new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "e-" + visitor())
        .put("type", "custom").put("name", "identify").put("url", "https://www.acme.com/app")
        .put("props", new JsonObject().put("email", email));
  }

  static double identified(String outcome) {
    return api.gateway().metrics().counter("leadgate.identify", "outcome", outcome).count();
  }

  /** Sends and waits until the projector has handled the identify (its outcome counted). */
  static void identifyAndWait(String visitor, String email, String outcome) {
    double before = identified(outcome);
    send(identify(visitor, email));
    Eventually.until(() -> identified(outcome), n -> n > before);
  }

  static JsonObject profile(String leadId) {
    return api.get(KEY, "/api/leads/" + leadId);
  }

  static List<JsonObject> timelineOf(JsonObject profile, String visitor) {
    return profile.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> visitor.equals(e.getString("visitor"))).toList();
  }

  @Test
  void identify_emailOfALeadOnASecondDevice_itsHistoryJoinsTheLeadMarkedIdentify() {
    String browserA = visitor();
    String browserB = visitor();
    String email = email();
    Lead lead = submitOn(browserA, email);
    send(pageview(browserB, "/pricing"));
    identifyAndWait(browserB, email, "linked");

    JsonObject profile = profile(lead.id());
    assertEquals(List.of("acme:" + browserA, "acme:" + browserB).stream().sorted().toList(),
        profile.getJsonArray("visitors").getList());
    List<JsonObject> fromB = timelineOf(profile, browserB);
    assertTrue(fromB.stream().anyMatch(e -> "https://www.acme.com/pricing".equals(e.getString("url"))), fromB.toString());
    assertTrue(fromB.stream().allMatch(e -> "identify".equals(e.getString("linked_by"))), fromB.toString());
    assertTrue(timelineOf(profile, browserA).stream().allMatch(e -> "form".equals(e.getString("linked_by"))));
  }

  @Test
  void identify_secondDeviceLinked_itsLaterEventsGoToTheLead() {
    String browserB = visitor();
    String email = email();
    Lead lead = submitOn(visitor(), email);
    identifyAndWait(browserB, email, "linked");
    send(pageview(browserB, "/after-identify"));
    Eventually.until(() -> timelineOf(profile(lead.id()), browserB),
        t -> t.stream().anyMatch(e -> e.getString("url").endsWith("/after-identify")));
    assertEquals(lead.id(), await(api.stores().visitors().visitor("acme", browserB)).orElseThrow().leadId());
  }

  @Test
  void identify_leadsFieldsStageAndOutbox_unchanged() {
    String email = email();
    Lead before = submitOn(visitor(), email);
    int outbox = Outboxes.of(api.stores(), before.id()).size();
    identifyAndWait(visitor(), email, "linked");
    Lead after = await(api.stores().leads().lead(before.id())).orElseThrow();
    assertEquals(before.fields(), after.fields());
    assertEquals(before.stage(), after.stage());
    assertEquals(before.seq(), after.seq());
    assertEquals(before.email(), after.email());
    assertEquals(outbox, Outboxes.of(api.stores(), before.id()).size());
  }

  @Test
  void identify_unknownEmail_linksNothingAndCreatesNoLead() {
    String browser = visitor();
    String email = email();
    identifyAndWait(browser, email, "unknown");
    assertTrue(await(api.stores().leads().leadIdByEmail("acme", email)).isEmpty());
    assertNull(await(api.stores().visitors().visitor("acme", browser)).orElseThrow().leadId());
  }

  @Test
  void identify_theEmail_notKeptOnTheVisitor() {
    String browser = visitor();
    String email = email();
    identifyAndWait(browser, email, "unknown");
    List<JsonObject> timeline = await(api.stores().visitors().timeline("acme", browser, 10));
    assertEquals(1, timeline.size());
    assertEquals("identify", timeline.get(0).getString("name"));
    assertFalse(timeline.get(0).encode().contains(email), timeline.toString());
    assertFalse(await(api.stores().visitors().visitor("acme", browser)).orElseThrow().toString().contains(email));
  }

  @Test
  void identify_answer_theSameWhetherTheEmailIsALeadsOrNot() {
    String email = email();
    submitOn(visitor(), email);
    JsonObject known = send(identify(visitor(), email)).bodyAsJsonObject();
    JsonObject unknown = send(identify(visitor(), email())).bodyAsJsonObject();
    assertEquals(new JsonObject().put("accepted", 1), known);
    assertEquals(known, unknown);
  }

  @Test
  void identify_moreThanFiveEmailsAnHourFromOneVisitor_theRestIgnored() {
    String browser = visitor();
    String email = email();
    submitOn(visitor(), email);
    for (int i = 0; i < IdentifyListener.PER_HOUR; i++) {
      identifyAndWait(browser, email(), "unknown");
    }
    identifyAndWait(browser, email, "rate_limited");
    assertNull(await(api.stores().visitors().visitor("acme", browser)).orElseThrow().leadId());
    // another visitor is not held back by this one's attempts
    identifyAndWait(visitor(), email, "linked");
  }

  @Test
  void identify_visitorOfAnotherLead_staysWithIt() {
    String browser = visitor();
    Lead own = submitOn(browser, email());
    String other = email();
    Lead someoneElse = submitOn(visitor(), other);
    identifyAndWait(browser, other, "already_linked");
    assertEquals(own.id(), await(api.stores().visitors().visitor("acme", browser)).orElseThrow().leadId());
    assertFalse(await(api.stores().leads().visitors(someoneElse.id())).contains("acme:" + browser));
  }

  @Test
  void linkIdentifiedVisitor_visitorOfAnotherLead_notMoved() {
    String browser = visitor();
    Lead own = submitOn(browser, email());
    Lead other = submitOn(visitor(), email());
    assertFalse(await(api.stores().leads().linkIdentifiedVisitor(other.id(), "acme", browser)));
    assertTrue(await(api.stores().leads().linkIdentifiedVisitor(own.id(), "acme", browser)));
    assertEquals("form", await(api.stores().visitors().visitor("acme", browser)).orElseThrow().linkedBy());
  }
}
