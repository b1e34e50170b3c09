package io.leadgate.memory;

import io.leadgate.stats.DailyStats;
import io.leadgate.stats.DailyTotals;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Daily aggregates in this process; unique visitors are counted exactly where Redis estimates them. */
final class MemoryStatsStore implements StatsStore {
  private final Clock clock;
  private final Map<String, Day> days = new HashMap<>();

  MemoryStatsStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<Void> count(String site, LocalDate day, DailyTotals totals, long ttlSeconds) {
    if (totals.isEmpty()) {
      return Future.succeededFuture();
    }
    Day stats = days.computeIfAbsent(site + ":" + day, k -> new Day());
    stats.expiresAt = clock.millis() + ttlSeconds * 1000;
    totals.events().forEach((type, n) -> bump(stats.events, type, n));
    stats.visitors.addAll(totals.visitors());
    totals.pageviews().forEach((path, n) -> bump(stats.pageviews, path, n));
    totals.downloads().forEach((asset, n) -> bump(stats.downloads, asset, n));
    totals.sources().forEach((source, n) -> bump(stats.sources, source, n));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<DailyStats> daily(String site, LocalDate day) {
    Day stats = live(site, day);
    if (stats == null) {
      return Future.succeededFuture(new DailyStats(site, day.toString(), 0, Map.of(), Map.of(), Map.of(), Map.of()));
    }
    return Future.succeededFuture(new DailyStats(site, day.toString(), stats.visitors.size(),
        new TreeMap<>(stats.events), new TreeMap<>(stats.pageviews), new TreeMap<>(stats.downloads),
        new TreeMap<>(stats.sources)));
  }

  @Override
  public synchronized Future<Long> uniqueVisitors(String site, List<LocalDate> range) {
    Set<String> union = new HashSet<>();
    for (LocalDate day : range) {
      Day stats = live(site, day);
      if (stats != null) {
        union.addAll(stats.visitors);
      }
    }
    return Future.succeededFuture((long) union.size());
  }

  /** The day's aggregates, or null when there are none or they expired (then they are dropped). */
  private Day live(String site, LocalDate day) {
    Day stats = days.get(site + ":" + day);
    if (stats != null && stats.expiresAt <= clock.millis()) {
      days.remove(site + ":" + day);
      return null;
    }
    return stats;
  }

  private static void bump(Map<String, Long> counts, String field, long n) {
    String key = !counts.containsKey(field) && counts.size() >= MAX_FIELDS ? OTHER : field;
    counts.merge(key, n, Long::sum);
  }

  private static final class Day {
    final Map<String, Long> events = new HashMap<>();
    final Set<String> visitors = new HashSet<>();
    final Map<String, Long> pageviews = new HashMap<>();
    final Map<String, Long> downloads = new HashMap<>();
    final Map<String, Long> sources = new HashMap<>();
    long expiresAt;
  }
}
