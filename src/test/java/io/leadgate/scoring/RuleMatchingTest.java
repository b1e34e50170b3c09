package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleMatchingTest {
  static final SiteScoring POLICY = new SiteScoring(new ConfigLoader().parse("""
      sites: [{key: acme}]
      scoring:
        rules:
          - {id: pricing, event: pageview, path: "/pricing*", points: 10, maxPerDay: 1}
          - {id: careers, event: pageview, path: "/careers*", points: -10}
          - {id: case-study, event: download, asset: "*case-study*", points: 15}
          - {id: any-pdf, event: download, asset: "*.pdf", points: 2}
          - {id: webinar, event: form, form: webinar, points: 20}
          - {id: demo, event: form, form: "demo*", points: 50}
          - {id: video, event: custom, name: video_played, points: 5}
          - {id: linkedin, event: pageview, utmSource: linkedin, utmCampaign: "q4-*", points: 3}
          - {id: docs-outbound, event: outbound, path: "/docs/*", points: 1}
      """, "test.yaml").scoring().model(), domain -> domain.equals("gmail.com"));

  static Event event(EventType type, String url, String page, String name, Map<String, String> utm) {
    return new Event("e1", "acme", "v1", null, type, url, page, null, null, utm, Map.of(), name, Map.of(), 0,
        1_700_000_000_000L, null);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("pricing page", event(EventType.PAGEVIEW, "https://acme.com/pricing", null, null, Map.of()),
            List.of("pricing")),
        Arguments.of("pricing sub-page with query", event(EventType.PAGEVIEW,
            "https://acme.com/pricing/enterprise?x=1#top", null, null, Map.of()), List.of("pricing")),
        Arguments.of("path match is case-insensitive", event(EventType.PAGEVIEW, "https://acme.com/Pricing", null,
            null, Map.of()), List.of("pricing")),
        Arguments.of("other page", event(EventType.PAGEVIEW, "https://acme.com/blog/pricing", null, null, Map.of()),
            List.of()),
        Arguments.of("careers page", event(EventType.PAGEVIEW, "https://acme.com/careers/", null, null, Map.of()),
            List.of("careers")),
        Arguments.of("pricing path on a download is not a page view", event(EventType.DOWNLOAD,
            "https://acme.com/pricing.pdf", "https://acme.com/pricing", null, Map.of()), List.of("any-pdf")),
        Arguments.of("case study download matches two rules", event(EventType.DOWNLOAD,
            "https://cdn.acme.com/files/case-study-bank.pdf?v=2", "https://acme.com/customers", null, Map.of()),
            List.of("case-study", "any-pdf")),
        Arguments.of("webinar form", event(EventType.FORM, "https://acme.com/webinar", null, "webinar", Map.of()),
            List.of("webinar")),
        Arguments.of("demo form by glob", event(EventType.FORM, "https://acme.com/demo", null, "demo-request",
            Map.of()), List.of("demo")),
        Arguments.of("other form", event(EventType.FORM, "https://acme.com/", null, "newsletter", Map.of()), List.of()),
        Arguments.of("custom event by name", event(EventType.CUSTOM, "https://acme.com/", null, "video_played",
            Map.of()), List.of("video")),
        Arguments.of("custom event of another name", event(EventType.CUSTOM, "https://acme.com/", null, "scroll",
            Map.of()), List.of()),
        Arguments.of("utm source and campaign", event(EventType.PAGEVIEW, "https://acme.com/", null, null,
            Map.of("source", "LinkedIn", "campaign", "q4-launch")), List.of("linkedin")),
        Arguments.of("utm source without the campaign", event(EventType.PAGEVIEW, "https://acme.com/", null, null,
            Map.of("source", "linkedin")), List.of()),
        Arguments.of("outbound link on a docs page", event(EventType.OUTBOUND, "https://github.com/acme",
            "https://acme.com/docs/install", null, Map.of()), List.of("docs-outbound")),
        Arguments.of("engagement matches nothing", event(EventType.ENGAGEMENT, "https://acme.com/pricing", null, null,
            Map.of()), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void pointsFor_event_matchesTheRules(String what, Event event, List<String> rules) {
    assertEquals(rules, POLICY.pointsFor(event).stream().map(Points::rule).toList());
  }

  // Regression: the cap day was formatted with BASIC_ISO_DATE, which appends the zone ("20231114Z").
  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void score_event_carriesPointsCapAndDay(String what, Event event, List<String> rules) {
    ScoreDelta.ScoredEvent scored = POLICY.score(event);
    assertEquals("20231114", scored.day());
    assertEquals(rules.size(), scored.points().size());
    scored.points().stream().filter(p -> p.rule().equals("pricing")).forEach(p -> assertEquals(1, p.maxPerDay()));
  }

  @Test
  void score_download_isARepeatOfTheSameFileWithinADay() {
    ScoreDelta.ScoredEvent scored = POLICY.score(event(EventType.DOWNLOAD,
        "https://cdn.acme.com/files/case-study-bank.pdf?v=2", null, null, Map.of()));
    assertEquals(new ScoreDelta.ScoredEvent.Repeat("download https://cdn.acme.com/files/case-study-bank.pdf",
        86_400_000L), scored.repeat());
  }

  @Test
  void score_downloadWithRepeatWindowZero_isNeverARepeat() {
    SiteScoring everyDownload = new SiteScoring(new ConfigLoader().parse("""
        sites: [{key: acme}]
        scoring:
          downloads: {repeatWindow: 0}
          rules: [{id: any-pdf, event: download, asset: "*.pdf", points: 2}]
        """, "test.yaml").scoring().model(), domain -> false);
    assertNull(everyDownload.score(event(EventType.DOWNLOAD, "https://cdn.acme.com/a.pdf", null, null, Map.of()))
        .repeat());
  }

  @Test
  void score_pageview_isNeverARepeat() {
    assertNull(POLICY.score(event(EventType.PAGEVIEW, "https://acme.com/pricing", null, null, Map.of())).repeat());
  }
}
