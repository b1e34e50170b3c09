package io.leadgate.stats;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;

/** Per site and day aggregates: events by type, page views per path, unique visitors, downloads, sources. */
public interface StatsStore {

  /** Caps the distinct paths, assets and sources per day; the rest is counted as {@code (other)}. */
  int MAX_FIELDS = 5000;
  String OTHER = "(other)";

  /**
   * Adds the summed contributions of some events to one site's day, atomically. A field not yet in a day's
   * hash joins it while the hash has fewer than {@value #MAX_FIELDS} fields, in the order the totals first met
   * the fields; beyond that it is counted as {@value #OTHER}.
   */
  Future<Void> count(String site, LocalDate day, DailyTotals totals, long ttlSeconds);

  Future<DailyStats> daily(String site, LocalDate day);

  /** Unique visitors over the days together: each visitor once, however many of the days it came on. */
  Future<Long> uniqueVisitors(String site, List<LocalDate> days);

  /**
   * One event's contribution to its day.
   *
   * @param type    the event type label
   * @param visitor visitor id (for unique visitors)
   * @param path    page path for page views, else null
   * @param asset   the downloaded asset url, else null
   * @param source  the session's source label when the event started a session, else null
   */
  record DailyCount(String type, String visitor, String path, String asset, String source) {
  }
}
