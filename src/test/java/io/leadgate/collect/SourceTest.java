package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SourceTest {
  /** The rule host() was written from: it must answer exactly as this pattern did. */
  static final Pattern HOST = Pattern.compile("(?i)https?://(?:[^/?#@]*@)?([^/?#:]+)");
  static final String[] PIECES = {"http", "https", "HTTP", "HtTpS", "://", ":", "/", "//", "?", "#", "@", "a", "B",
      "acme.com", "www.Acme.COM", "user", "pass", ":8080", "ſ", "K", "İ", "ı", " ", "%40", "[::1]", "é", "\u0000",
      "", "x@y", "@@"};

  static String byPattern(String url) {
    Matcher m = HOST.matcher(url);
    return m.lookingAt() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  @Test
  void host_answersAsThePatternDid_onGeneratedUrls() {
    Random random = new Random(20261124);
    for (int i = 0; i < 300_000; i++) {
      StringBuilder url = new StringBuilder();
      int pieces = 1 + random.nextInt(8);
      for (int p = 0; p < pieces; p++) {
        url.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String text = url.toString();
      assertEquals(byPattern(text), Source.host(text), text);
    }
  }

  @Test
  void host_ofUrlsWithUserInfoPortsAndOddSchemes() {
    for (String url : new String[] {"https://user:pw@Acme.com:443/x", "http://user@/path", "http://user@:80",
        "http://@acme.com", "httpſ://acme.com", "HTTPS://ACME.COM?q", "ftp://acme.com", "https://", "https:/acme.com",
        "http://a@b@c/d"}) {
      assertEquals(byPattern(url), Source.host(url), url);
    }
  }

  static Event event(String url, String referrer, Map<String, String> utm, Map<String, String> click) {
    return new Event("evt-00000001", "demo", "visitor-0001", null, EventType.PAGEVIEW, url, null, null, referrer, utm,
        click, null, Map.of(), 0, 0, null);
  }

  @Test
  void labelOf_aSourcesFields_givesItsLabel_soAStoredTouchMayLeaveItOut() {
    for (Event event : new Event[] {
        event("https://acme.com/", "https://google.com/", Map.of("source", "newsletter", "medium", "email"),
            Map.of("gclid", "x")),
        event("https://acme.com/", null, Map.of("source", "newsletter"), Map.of()),
        event("https://acme.com/", "https://acme.com/a", Map.of("campaign", "x"), Map.of("msclkid", "m", "fbclid", "f")),
        event("https://acme.com/", "https://user@News.Example:8080/x", Map.of(), Map.of()),
        event("https://acme.com/", "https://acme.com/a", Map.of(), Map.of()),
        event("https://acme.com/", "android-app://com.example", Map.of(), Map.of())}) {
      Source source = Source.of(event);
      assertEquals(source.label(), Source.labelOf(source.fields()), event.toString());
    }
  }

  @Test
  void campaignTags_winOverReferrerAndClickIds() {
    Source source = Source.of(event("https://acme.com/", "https://google.com/",
        Map.of("source", "newsletter", "medium", "email"), Map.of("gclid", "x")));
    assertEquals("newsletter / email", source.label());
    assertEquals("newsletter", source.fields().get("utm_source"));
  }

  @Test
  void key_sameSourceOnAnotherPage_isTheSame() {
    Map<String, String> utm = new java.util.LinkedHashMap<>(Map.of("source", "newsletter"));
    utm.put("campaign", "spring");
    Map<String, String> reordered = new java.util.LinkedHashMap<>(Map.of("campaign", "spring"));
    reordered.put("source", "newsletter");
    assertEquals(Source.of(event("https://acme.com/a", null, utm, Map.of())).key(),
        Source.of(event("https://acme.com/b", null, reordered, Map.of())).key());
  }

  @Test
  void key_anotherCampaign_differs() {
    assertNotEquals(Source.of(event("https://acme.com/", null, Map.of("source", "x", "campaign", "a"), Map.of())).key(),
        Source.of(event("https://acme.com/", null, Map.of("source", "x", "campaign", "b"), Map.of())).key());
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
