package io.leadgate.core;

import java.util.Map;

/**
 * One thing a visitor did, validated and enriched by the gateway. This is what the event log carries
 * from intake to projection, so every field is plain data.
 *
 * @param id         event id; a replay of the same id is stored once
 * @param site       site key
 * @param visitor    the first-party visitor id; for a cookieless event (counted without an id: before a required
 *                   consent, or under Global Privacy Control) the day's salted hash of address and browser, marked by
 *                   {@link #COOKIELESS} (a character no client id may have)
 * @param session    the snippet's session id (may be null)
 * @param type       what happened
 * @param url        page url (pageview) or link target (download, outbound)
 * @param page       the page a download/outbound/custom event happened on (may be null)
 * @param title      page title (may be null)
 * @param referrer   document referrer (may be null)
 * @param utm        utm_* parameters present on the landing url, keyed without the prefix
 * @param click      ad click ids (gclid, fbclid, msclkid, li_fat_id)
 * @param name       custom event name (custom events, forms)
 * @param props      custom properties, capped
 * @param clientTs   the browser's clock, ms since epoch (0 when not given)
 * @param receivedAt the gateway's clock, ms since epoch: what sessions, days and retention go by
 * @param ip         the client address after the site's IP policy (null when not kept)
 */
public record Event(String id, String site, String visitor, String session, EventType type, String url, String page,
                    String title, String referrer, Map<String, String> utm, Map<String, String> click, String name,
                    Map<String, Object> props, long clientTs, long receivedAt, String ip) {

  /** The first character of a cookieless event's visitor: counted in the day's figures, never a visitor profile. */
  public static final String COOKIELESS = "~";

  public Event {
    utm = utm == null ? Map.of() : Map.copyOf(utm);
    click = click == null ? Map.of() : Map.copyOf(click);
    props = props == null ? Map.of() : Map.copyOf(props);
  }

  /** Counted without an id: it makes no visitor profile, no timeline and no lead, and nothing is joined to it. */
  public boolean cookieless() {
    return visitor != null && visitor.startsWith(COOKIELESS);
  }
}
