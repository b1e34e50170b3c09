package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.config.ConfigException;
import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringConfigTest {
  private final ConfigLoader loader = new ConfigLoader();

  private GatewayConfig parse(String scoring) {
    return loader.parse("sites: [{key: acme}, {key: shop}]\nscoring:\n" + scoring.indent(2), "test.yaml");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "rules: [{id: a, event: pageview, points: 10}, {id: b, event: pageview, points: 0}]|scoring.rules[1].points|must not be 0",
      "rules: [{id: a, event: pageview, points: 10}, {id: b, event: click, points: 5}]|scoring.rules[1].event|must be one of",
      "rules: [{id: a, event: pageview, points: 5000}]|scoring.rules[0].points|must be between -1000 and 1000",
      "rules: [{id: a, event: pageview}]|scoring.rules[0].points|is required",
      "rules: [{event: pageview, points: 1}]|scoring.rules[0].id|is required",
      "rules: [{id: 'a b', event: pageview, points: 1}]|scoring.rules[0].id|must be 1 to 64",
      "rules: [{id: a, event: pageview, asset: '*.pdf', points: 1}]|scoring.rules[0].asset|applies to event: download only",
      "rules: [{id: a, event: download, form: x, points: 1}]|scoring.rules[0].form|applies to event: form only",
      "rules: [{id: a, event: pageview, points: 1, maxPerDay: 0}]|scoring.rules[0].maxPerDay|must be between 1",
      "rules: [{id: a, event: pageview, path: '', points: 1}]|scoring.rules[0].path|must not be empty",
      "rules: [{id: a, event: pageview, points: 1}]\\nfit: [{id: a, freeMail: true, points: -5}]|scoring.rules[].id|must not repeat",
      "fit: [{id: f, points: 5}]|scoring.fit[0].field|is required",
      "fit: [{id: f, field: role, points: 5}]|scoring.fit[0].keywords|exactly one of keywords, values or range",
      "fit: [{id: f, field: role, keywords: [a], values: [b], points: 5}]|scoring.fit[0].keywords|exactly one",
      "fit: [{id: f, field: size, range: {min: 100, max: 10}, points: 5}]|scoring.fit[0].range.max|must not be below min",
      "fit: [{id: f, field: role, keywords: [a], freeMail: true, points: 5}]|scoring.fit[0].field|either form fields or the email",
      "fit: [{id: f, emailDomains: [nodot], points: 5}]|scoring.fit[0].emailDomains[0]|must be a domain",
      "mql: {score: 0}|scoring.mql.score|must be between 1",
      "mql: {requalifyPoints: 0}|scoring.mql.requalifyPoints|must be between 1",
      "downloads: {repeatWindow: 1 day}|scoring.downloads.repeatWindow|must be a number followed by ms, s, m, h or d",
      "downloads: {repeatWindow: 400d}|scoring.downloads.repeatWindow|must be between 0s and 365d",
      "sites: {shop: {mql: {requalifyPoints: -5}}}|scoring.sites.shop.mql.requalifyPoints|must be between 1",
      "halfLifeDays: -1|scoring.halfLifeDays|must be between 0",
      "notifyOn: always|scoring.notifyOn|must be stage or score",
      "bant: {}|scoring.bant|must configure at least one",
      "bant: {need: [{form: demo, event: x}]}|scoring.bant.need[0].field|exactly one of",
      "bant: {need: [{field: x}]}|scoring.bant.need[0].keywords|exactly one of keywords",
      "sites: {nope: {rules: []}}|scoring.sites.nope|is not the key of a configured site",
      "sites: {shop: {rules: [{id: a, event: form, points: 1, form: ''}]}}|scoring.sites.shop.rules[0].form|must not be empty",
      "watchSeconds: -1|scoring.watchSeconds|must be between 0"})
  void parse_badScoring_namesTheField(String yaml, String field, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml.replace("\\n", "\n")));
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().startsWith("config test.yaml: " + field + ": "), e.getMessage());
  }

  @Test
  void parse_withoutScoring_hasDefaults() {
    ScoringConfig scoring = loader.parse("sites: [{key: acme}]", "test.yaml").scoring();
    assertEquals(30.0, scoring.model().halfLifeDays());
    assertEquals(50, scoring.model().mql().score());
    assertTrue(scoring.model().rules().isEmpty());
    assertEquals(10, scoring.watchSeconds());
  }

  @Test
  void parse_withoutRequalifyPointsOrRepeatWindow_requalifiesAtTheMqlThresholdAndCountsDownloadsOncePerDay() {
    ScoringModel model = parse("mql: {score: 70}").scoring().model();
    assertEquals(70, model.mql().requalifyPoints());
    assertEquals(86_400_000L, model.downloads().repeatWindowMs());
  }

  @Test
  void parse_repeatWindowZero_countsEveryDownload() {
    assertEquals(0, parse("downloads: {repeatWindow: 0}").scoring().model().downloads().repeatWindowMs());
    assertEquals(7_200_000L, parse("downloads: {repeatWindow: 2h}").scoring().model().downloads().repeatWindowMs());
  }

  @Test
  void modelOf_siteWithItsOwnModel_replacesTheDefault() {
    ScoringConfig scoring = parse("""
        mql: {score: 40}
        sites:
          shop: {mql: {score: 80}, halfLifeDays: 0}
        """).scoring();
    assertEquals(40, scoring.modelOf("acme").mql().score());
    assertEquals(80, scoring.modelOf("shop").mql().score());
    assertEquals(0, scoring.modelOf("shop").halfLifeMs());
  }

  @Test
  void bundledDemo_hasTheExampleRules() {
    ScoringModel model = loader.load(null, Map.of()).scoring().model();
    Map<String, Integer> points = new java.util.HashMap<>();
    model.rules().forEach(r -> points.put(r.id(), r.points()));
    model.fit().forEach(r -> points.put(r.id(), r.points()));
    assertEquals(Map.of("pricing-page", 10, "case-study", 15, "webinar", 20, "demo-request", 50, "careers-page", -10,
        "student", -50, "free-mail", -5), Map.of("pricing-page", points.get("pricing-page"), "case-study",
        points.get("case-study"), "webinar", points.get("webinar"), "demo-request", points.get("demo-request"),
        "careers-page", points.get("careers-page"), "student", points.get("student"), "free-mail",
        points.get("free-mail")));
  }
}
