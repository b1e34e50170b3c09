package io.leadgate.stats;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.NotFound;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traffic report of a site over a range of days (the site's days, in its time zone), from the daily aggregates the projector keeps: per day and
 * in total, events by type, page views by path, downloads, sessions by source and unique visitors (over the
 * range a union, not a sum: a visitor who came back on three days is one visitor).
 */
public final class StatsService {
  /** A quarter and a day: enough for a quarterly report, and a bound on what one request reads. */
  public static final int MAX_DAYS = DayRange.MAX_DAYS;
  public static final int DEFAULT_DAYS = DayRange.DEFAULT_DAYS;
  /** Paths, assets and sources in an answer, by count: a report, not a dump of every path a crawler invented. */
  public static final int TOP = 100;

  private final Map<String, SiteConfig> sites;
  private final StatsStore store;
  private final Clock clock;

  public StatsService(Map<String, SiteConfig> sites, StatsStore store, Clock clock) {
    this.sites = Map.copyOf(sites);
    this.store = store;
    this.clock = clock;
  }

  /**
   * @param from first day (YYYY-MM-DD, in the site's time zone), or null for {@value #DEFAULT_DAYS} days up to
   *             {@code to}
   * @param to   last day, or null for today (in the site's time zone by the gateway's clock, as the projector
   *             counts days)
   */
  public Future<JsonObject> report(String siteKey, String from, String to) {
    SiteConfig config = sites.get(siteKey);
    if (config == null) {
      throw new NotFound("unknown_site", "no site has the key " + siteKey);
    }
    String site = config.key();
    DayRange range = DayRange.parse(from, to, config.zone(), clock);
    LocalDate first = range.first();
    LocalDate last = range.last();
    List<LocalDate> days = range.days();
    List<Future<DailyStats>> reads = new ArrayList<>(days.size());
    days.forEach(day -> reads.add(store.daily(site, day)));
    Future<Long> visitors = store.uniqueVisitors(site, days);
    return Future.all(Future.all(reads), visitors).map(done -> {
      List<DailyStats> stats = new ArrayList<>(days.size());
      reads.forEach(read -> stats.add(read.result()));
      return answer(site, first, last, stats, visitors.result()).put("timezone", config.timezone());
    });
  }

  private static JsonObject answer(String site, LocalDate first, LocalDate last, List<DailyStats> days, long visitors) {
    Map<String, Long> events = new HashMap<>();
    Map<String, Long> pageviews = new HashMap<>();
    Map<String, Long> downloads = new HashMap<>();
    Map<String, Long> sources = new HashMap<>();
    JsonArray perDay = new JsonArray();
    for (DailyStats day : days) {
      day.events().forEach((k, v) -> events.merge(k, v, Long::sum));
      day.pageviews().forEach((k, v) -> pageviews.merge(k, v, Long::sum));
      day.downloads().forEach((k, v) -> downloads.merge(k, v, Long::sum));
      day.sources().forEach((k, v) -> sources.merge(k, v, Long::sum));
      perDay.add(counts(new JsonObject().put("day", day.day()), day.uniqueVisitors(), day.events(), day.pageviews(),
          day.downloads(), day.sources()));
    }
    return new JsonObject().put("site", site).put("from", first.toString()).put("to", last.toString()).put("top", TOP)
        .put("totals", counts(new JsonObject(), visitors, events, pageviews, downloads, sources))
        .put("days", perDay);
  }

  private static JsonObject counts(JsonObject into, long visitors, Map<String, Long> events,
                                   Map<String, Long> pageviews, Map<String, Long> downloads, Map<String, Long> sources) {
    return into.put("visitors", visitors).put("events", top(events)).put("pageviews", top(pageviews))
        .put("downloads", top(downloads)).put("sources", top(sources));
  }

  /** The {@value #TOP} largest counts, largest first (ties by name, so that answers are stable). */
  static JsonObject top(Map<String, Long> counts) {
    Map<String, Object> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return new JsonObject(top);
  }

}
