package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceTest {
  static Event event(String url, String referrer, Map<String, String> utm, Map<String, String> click) {
    return new Event("evt-00000001", "demo", "visitor-0001", null, EventType.PAGEVIEW, url, null, null, referrer, utm,
        click, null, Map.of(), 0, 0, null);
  }

  @Test
  void campaignTags_winOverReferrerAndClickIds() {
    Source source = Source.of(event("https://acme.com/", "https://google.com/",
        Map.of("source", "newsletter", "medium", "email"), Map.of("gclid", "x")));
    assertEquals("newsletter / email", source.label());
    assertEquals("newsletter", source.fields().get("utm_source"));
  }

  @Test
  void clickId_withoutTags_namesTheAdNetwork() {
    assertEquals("google / cpc", Source.of(event("https://acme.com/", null, Map.of(), Map.of("gclid", "x"))).label());
    assertEquals("linkedin / cpc", Source.of(event("https://acme.com/", null, Map.of(), Map.of("li_fat_id", "x"))).label());
  }

  @Test
  void externalReferrer_isAReferral() {
    Source source = Source.of(event("https://acme.com/", "https://News.Ycombinator.com/item?id=1", Map.of(), Map.of()));
    assertEquals("news.ycombinator.com / referral", source.label());
  }

  @Test
  void sameSiteReferrer_isDirect() {
    Source source = Source.of(event("https://acme.com/pricing", "https://acme.com/", Map.of(), Map.of()));
    assertTrue(source.direct());
  }

  @Test
  void noReferrerNoTags_isDirect() {
    assertEquals("direct", Source.of(event("https://acme.com/", null, Map.of(), Map.of())).label());
  }
}
