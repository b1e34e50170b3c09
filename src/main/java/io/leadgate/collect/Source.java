package io.leadgate.collect;

import io.leadgate.core.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a visit came from: campaign tags first, then ad click ids, then an external referrer; else direct.
 * One place for the attribution rule, used for first touch, last touch and the daily source counts.
 *
 * @param label  a short name for reports ({@code google / cpc}, {@code news.ycombinator.com / referral}, {@code direct})
 * @param fields what is recorded on the visitor for this touch
 */
public record Source(String label, Map<String, String> fields) {
  private static final Map<String, String> CLICK_NETWORKS = Map.of(
      "gclid", "google", "fbclid", "facebook", "msclkid", "bing", "li_fat_id", "linkedin");

  public boolean direct() {
    return "direct".equals(label);
  }

  /**
   * The same short text for the same source: how projection tells a visit that came from somewhere else from
   * another page of the same one (FNV-1a, 64 bits, in hex, over the fields in their fixed order).
   */
  public String key() {
    long hash = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      hash = fnv(fnv(hash, field.getKey()), field.getValue());
    }
    return Long.toHexString(hash);
  }

  private static long fnv(long hash, String text) {
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return (hash ^ 0xff) * 0x100000001b3L; // a separator no character equals: ("ab", "c") is not ("a", "bc")
  }

  public static Source of(Event event) {
    // in one fixed order whatever order the browser sent them in, so that equal sources have equal keys
    Map<String, String> fields = new LinkedHashMap<>();
    for (String tag : EventParser.UTM_TAGS) {
      String value = event.utm().get(tag);
      if (value != null) {
        fields.put("utm_" + tag, value);
      }
    }
    for (String clickId : EventParser.CLICK_IDS) {
      String value = event.click().get(clickId);
      if (value != null) {
        fields.put(clickId, value);
      }
    }
    String referrerHost = externalReferrerHost(event);
    if (referrerHost != null) {
      fields.put("referrer", event.referrer());
    }
    String label = labelOf(fields);
    fields.put("source", label);
    return new Source(label, Collections.unmodifiableMap(fields));
  }

  /**
   * The label of a source, from its fields ({@code utm_source}, {@code utm_medium}, the click ids, {@code referrer}:
   * present only when external), as {@link #of} names it. A stored touch may leave its label out and be read back
   * with this one (redis/ProfileCodec).
   */
  public static String labelOf(Map<String, ?> fields) {
    Object utmSource = fields.get("utm_source");
    if (utmSource != null) {
      Object medium = fields.get("utm_medium");
      return utmSource + " / " + (medium == null ? "(none)" : medium);
    }
    String clickId = null;
    for (String name : EventParser.CLICK_IDS) {
      if (fields.containsKey(name) && (clickId == null || name.compareTo(clickId) < 0)) {
        clickId = name;
      }
    }
    if (clickId != null) {
      return CLICK_NETWORKS.getOrDefault(clickId, clickId) + " / cpc";
    }
    Object referrer = fields.get("referrer");
    String referrerHost = referrer == null ? null : host(referrer.toString());
    return referrerHost != null ? referrerHost + " / referral" : "direct";
  }

  private static String externalReferrerHost(Event event) {
    String referrerHost = host(event.referrer());
    if (referrerHost == null) {
      return null;
    }
    String pageHost = host(event.page() != null ? event.page() : event.url());
    return referrerHost.equals(pageHost) ? null : referrerHost;
  }

  /**
   * The host of an http(s) URL, lower-cased; null when it is not one. Written out rather than as the pattern
   * {@code (?i)https?://(?:[^/?#@]*@)?([^/?#:]+)}, which it matches exactly (SourceTest fuzzes both): the regex
   * was a tenth of the projector's CPU.
   */
  static String host(String url) {
    if (url == null) {
      return null;
    }
    int scheme = Urls.webSchemeLength(url);
    if (scheme < 0) {
      return null;
    }
    int at = scheme;
    while (at < url.length() && "/?#@".indexOf(url.charAt(at)) < 0) {
      at++;
    }
    // after user info when there is some and a host follows it; else (as the pattern backtracks) from the scheme
    int start = at < url.length() && url.charAt(at) == '@' && hostEnd(url, at + 1) > at + 1 ? at + 1 : scheme;
    int end = hostEnd(url, start);
    return end == start ? null : url.substring(start, end).toLowerCase(Locale.ROOT);
  }

  private static int hostEnd(String url, int start) {
    int end = start;
    while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return end;
  }
}
