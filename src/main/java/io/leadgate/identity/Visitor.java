package io.leadgate.identity;

import io.vertx.core.json.JsonObject;

/**
 * An anonymous visitor's profile as stored.
 *
 * @param firstTouch where the first visit came from, as recorded ({@code source}, utm_*, click ids, referrer)
 * @param lastTouch  where the latest non-direct visit came from
 * @param counts     events by kind: pageviews, downloads, outbound, custom, engagement, forms
 * @param leadId     the lead it converted to, or null while anonymous
 * @param linkedBy   how it was joined to its lead: {@code form} (a submission) or {@code identify}; null while
 *                   anonymous
 */
public record Visitor(String site, String id, long firstSeen, long lastSeen, long sessions, String landingPage,
                      JsonObject firstTouch, JsonObject lastTouch, JsonObject counts, String ip, String leadId,
                      String linkedBy) {
}
