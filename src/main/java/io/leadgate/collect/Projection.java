package io.leadgate.collect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.leadgate.config.SiteConfig;
import io.leadgate.core.Event;
import io.leadgate.core.EventJson;
import io.leadgate.core.EventType;
import io.leadgate.identity.VisitorHash;
import io.leadgate.stats.StatsStore.DailyCount;
import io.leadgate.identity.VisitorStore.Recorded;
import io.leadgate.identity.VisitorStore.Retention;
import io.leadgate.identity.VisitorStore.VisitorRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event changes, in plain Java: the visitor record, the retention that bounds it, and its
 * contribution to the site's day. Both stores apply exactly this.
 */
public final class Projection {
  public static final long SESSION_GAP_MS = 30 * 60 * 1000L;
  /** How a cookieless event counts: fresh, and starting no session (it has none), of no lead. */
  public static final Recorded COOKIELESS = new Recorded(true, false, null);

  private Projection() {
  }

  public static VisitorRecord visitorRecord(Event event) {
    Source source = Source.of(event);
    Map<String, Object> touch = new LinkedHashMap<>(source.fields());
    touch.put("landing", event.page() != null ? event.page() : event.url());
    touch.put("at", event.receivedAt());
    String touchJson = EventJson.write(json -> EventJson.writeValue(touch, json));
    return new VisitorRecord(VisitorHash.counterFor(event.type()), timelineEntry(event), touchJson,
        Collections.unmodifiableMap(touch), source.direct(), source.key());
  }

  /**
   * The compact form kept in a timeline, as JSON: enough to show what happened and to score it later. Written
   * with the generator: through {@code JsonObject} it was a quarter of the projector's CPU.
   */
  public static String timelineEntry(Event event) {
    return EventJson.write(json -> {
      json.writeStartObject();
      json.writeStringField("id", event.id());
      json.writeStringField("type", event.type().label());
      json.writeNumberField("at", event.receivedAt());
      json.writeStringField("url", event.url());
      writeIfPresent(json, "page", event.page());
      writeIfPresent(json, "title", event.title());
      writeIfPresent(json, "name", event.name());
      if (!event.utm().isEmpty()) {
        json.writeFieldName("utm");
        EventJson.writeValue(event.utm(), json);
      }
      Map<String, Object> props = Identify.keptProps(event);
      if (!props.isEmpty()) {
        json.writeFieldName("props");
        EventJson.writeValue(props, json);
      }
      json.writeEndObject();
    });
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

  private static void writeIfPresent(JsonGenerator json, String key, String value) throws IOException {
    if (value != null) {
      json.writeStringField(key, value);
    }
  }
}
