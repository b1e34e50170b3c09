package io.leadgate.store;

import io.vertx.core.Future;
import java.time.LocalDate;

/** Per site and day aggregates: events by type, page views per path, unique visitors, downloads, sources. */
public interface StatsStore {

  /** Caps the distinct paths, assets and sources per day; the rest is counted as {@code (other)}. */
  int MAX_FIELDS = 5000;
  String OTHER = "(other)";

  Future<Void> count(String site, LocalDate day, DailyCount count, long ttlSeconds);

  Future<DailyStats> daily(String site, LocalDate day);

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
