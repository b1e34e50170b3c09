package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FitTest {
  static final SiteScoring POLICY = new SiteScoring(new ConfigLoader().parse("""
      sites: [{key: acme}]
      scoring:
        fit:
          - {id: decision-maker, fields: [role, title], keywords: [ceo, cto, vp, head of, director], points: 20}
          - {id: student, fields: [role, title], keywords: [student, intern], points: -50}
          - {id: mid-size, field: company_size, range: {min: 50, max: 999}, points: 10}
          - {id: enterprise, field: company_size, range: {min: 1000}, points: 15}
          - {id: target-industry, field: industry, values: [software, saas, fintech], points: 10}
          - {id: dach, field: country, values: [de, at, ch], points: 5}
          - {id: free-mail, freeMail: true, points: -5}
          - {id: competitor, emailDomains: [rival.com], points: -100}
        bant:
          budget: [{field: budget, values: ["10k-50k", "50k+"]}, {event: budget_confirmed}]
          authority: [{fields: [role, title], keywords: [ceo, cto, vp, director, head of]}]
          need: [{form: "demo*"}]
          timeline: [{field: timeline, values: [this quarter, this month]}]
      """, "test.yaml").scoring().model(), domain -> domain.equals("gmail.com"));

  static Stream<Arguments> fits() {
    return Stream.of(
        Arguments.of("{\"role\":\"VP Sales\"}", "ann@acme.com", Set.of("decision-maker")),
        Arguments.of("{\"title\":\"Head of Marketing\"}", "ann@acme.com", Set.of("decision-maker")),
        Arguments.of("{\"role\":\"VPN engineer\"}", "ann@acme.com", Set.of()),
        Arguments.of("{\"role\":\"PhD Student\"}", "ann@gmail.com", Set.of("student", "free-mail")),
        Arguments.of("{\"company_size\":\"51-200\"}", "ann@acme.com", Set.of("mid-size")),
        Arguments.of("{\"company_size\":\"11-50\"}", "ann@acme.com", Set.of()),
        Arguments.of("{\"company_size\":\"1,000+\"}", "ann@acme.com", Set.of("enterprise")),
        Arguments.of("{\"company_size\":\"10000\"}", "ann@acme.com", Set.of("enterprise")),
        Arguments.of("{\"company_size\":120}", "ann@acme.com", Set.of("mid-size")),
        Arguments.of("{\"industry\":\"SaaS\"}", "ann@acme.com", Set.of("target-industry")),
        Arguments.of("{\"industry\":\"SaaS tools\"}", "ann@acme.com", Set.of()),
        Arguments.of("{\"country\":[\"FR\",\"DE\"]}", "ann@acme.com", Set.of("dach")),
        Arguments.of("{}", "bob@mail.rival.com", Set.of("competitor")),
        Arguments.of("{}", "bob@notrival.com", Set.of()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fits")
  void fit_fieldsAndEmail_matchTheRules(String fields, String email, Set<String> rules) {
    assertEquals(rules, POLICY.fit(fields, email).rules().keySet());
  }

  @Test
  void fit_negativeAndPositivePoints_add() {
    ScoreDelta.FitUpdate fit = POLICY.fit("{\"role\":\"CTO\",\"company_size\":\"200-500\"}", "ann@gmail.com");
    assertEquals(25, fit.rules().values().stream().mapToInt(ScoreDelta.FitPoints::points).sum());
    assertEquals("role \"CTO\" has \"cto\"", fit.rules().get("decision-maker").why());
  }

  @Test
  void fit_keepsTheSourceItWasComputedFrom() {
    assertEquals("{\"role\":\"CTO\"}", POLICY.fit("{\"role\":\"CTO\"}", "a@b.com").source());
  }

  static Stream<Arguments> bantFields() {
    return Stream.of(
        Arguments.of("{\"budget\":\"50k+\"}", Set.of(Criterion.BUDGET)),
        Arguments.of("{\"budget\":\"under 5k\"}", Set.of()),
        Arguments.of("{\"title\":\"Director of IT\",\"timeline\":\"This quarter\"}",
            Set.of(Criterion.AUTHORITY, Criterion.TIMELINE)),
        Arguments.of("{\"budget\":\"10k-50k\",\"role\":\"CEO\",\"timeline\":\"this month\"}",
            Set.of(Criterion.BUDGET, Criterion.AUTHORITY, Criterion.TIMELINE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bantFields")
  void bant_fromFields_knownCriteria(String fields, Set<Criterion> known) {
    assertEquals(known, POLICY.fit(fields, "a@acme.com").bant().keySet());
  }

  @Test
  void bant_fromEventsAndForms_knownCriteria() {
    var budget = RuleMatchingTest.event(io.leadgate.core.EventType.CUSTOM, "https://acme.com/", null,
        "budget_confirmed", Map.of());
    var demo = RuleMatchingTest.event(io.leadgate.core.EventType.FORM, "https://acme.com/demo", null,
        "demo-request", Map.of());
    var other = RuleMatchingTest.event(io.leadgate.core.EventType.FORM, "https://acme.com/", null, "newsletter",
        Map.of());
    assertEquals(Map.of(Criterion.BUDGET, "event budget_confirmed"), POLICY.bantFor(budget));
    assertEquals(Map.of(Criterion.NEED, "form demo-request"), POLICY.bantFor(demo));
    assertTrue(POLICY.bantFor(other).isEmpty());
  }

  @Test
  void thresholds_bantComplete_needsEveryConfiguredCriterion() {
    Thresholds t = POLICY.thresholds();
    assertEquals(Set.of(Criterion.values()), t.bant());
    assertTrue(t.bantComplete(Set.of(Criterion.values())));
    assertEquals(false, t.bantComplete(Stream.of(Criterion.BUDGET, Criterion.NEED, Criterion.TIMELINE)
        .collect(Collectors.toSet())));
  }
}
