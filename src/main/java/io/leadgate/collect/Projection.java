package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.identity.VisitorHash;
import io.leadgate.store.StatsStore.DailyCount;
import io.leadgate.store.VisitorStore.Recorded;
import io.leadgate.store.VisitorStore.Retention;
import io.leadgate.store.VisitorStore.VisitorRecord;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What one event changes, in plain Java: the visitor record, the retention that bounds it, and its
 * contribution to the site's day. Both stores apply exactly this.
 */
public final class Projection {
  public static final long SESSION_GAP_MS = 30 * 60 * 1000L;

  private Projection() {
  }

  public static VisitorRecord visitorRecord(Event event) {
    Source source = Source.of(event);
    JsonObject touch = new JsonObject();
    source.fields().forEach(touch::put);
    touch.put("landing", event.page() != null ? event.page() : event.url()).put("at", event.receivedAt());
    return new VisitorRecord(VisitorHash.counterFor(event.type()), timelineEntry(event).encode(), touch.encode(),
        source.direct());
  }

  /** The compact form kept in a timeline: enough to show what happened and to score it later. */
  public static JsonObject timelineEntry(Event event) {
    JsonObject entry = new JsonObject().put("id", event.id()).put("type", event.type().label())
        .put("at", event.receivedAt()).put("url", event.url());
    putIfPresent(entry, "page", event.page());
    putIfPresent(entry, "title", event.title());
    putIfPresent(entry, "name", event.name());
    if (!event.utm().isEmpty()) {
      entry.put("utm", new JsonObject(new java.util.HashMap<>(event.utm())));
    }
    if (!event.props().isEmpty()) {
      entry.put("props", new JsonObject(new java.util.HashMap<>(event.props())));
    }
    return entry;
  }

  public static Retention retention(SiteConfig site) {
    return new Retention(site.visitorTtlDays() * 86_400L, site.timelineMax(), SESSION_GAP_MS);
  }

  /** The day in the site's time zone, by the gateway's clock: a browser's clock is not trusted to place an event. */
  public static LocalDate day(Event event, ZoneId zone) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(event.receivedAt()), zone);
  }

  public static DailyCount dailyCount(Event event, Recorded recorded) {
    String path = event.type() == EventType.PAGEVIEW ? Urls.pathOf(event.url()) : null;
    String asset = event.type() == EventType.DOWNLOAD ? Urls.withoutQuery(event.url()) : null;
    String source = recorded.newSession() ? Source.of(event).label() : null;
    return new DailyCount(event.type().label(), event.visitor(), path, asset, source);
  }

  public static long statsTtlSeconds(SiteConfig site) {
    return site.statsRetentionDays() * 86_400L;
  }

  private static void putIfPresent(JsonObject entry, String key, String value) {
    if (value != null) {
      entry.put(key, value);
    }
  }
}
