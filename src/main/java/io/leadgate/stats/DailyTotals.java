package io.leadgate.stats;

import io.leadgate.stats.StatsStore.DailyCount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The summed {@link DailyCount}s of some events of one site and day, so that a store applies a whole projector
 * batch to a day in one step. Fields keep the order they were first met in, which is the order in which a capped
 * day's hash admits new fields.
 */
public final class DailyTotals {
  private final Map<String, Long> events = new LinkedHashMap<>();
  private final Set<String> visitors = new LinkedHashSet<>();
  private final Map<String, Long> pageviews = new LinkedHashMap<>();
  private final Map<String, Long> downloads = new LinkedHashMap<>();
  private final Map<String, Long> sources = new LinkedHashMap<>();

  public static DailyTotals of(DailyCount... counts) {
    DailyTotals totals = new DailyTotals();
    for (DailyCount count : counts) {
      totals.add(count);
    }
    return totals;
  }

  public DailyTotals add(DailyCount count) {
    events.merge(count.type(), 1L, Long::sum);
    visitors.add(count.visitor());
    if (count.path() != null) {
      pageviews.merge(count.path(), 1L, Long::sum);
    }
    if (count.asset() != null) {
      downloads.merge(count.asset(), 1L, Long::sum);
    }
    if (count.source() != null) {
      sources.merge(count.source(), 1L, Long::sum);
    }
    return this;
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  /** Events by type label. */
  public Map<String, Long> events() {
    return Collections.unmodifiableMap(events);
  }

  /** The distinct visitor ids, for unique visitors. */
  public Set<String> visitors() {
    return Collections.unmodifiableSet(visitors);
  }

  /** Page views by path. */
  public Map<String, Long> pageviews() {
    return Collections.unmodifiableMap(pageviews);
  }

  /** Downloads by asset url. */
  public Map<String, Long> downloads() {
    return Collections.unmodifiableMap(downloads);
  }

  /** New sessions by source label. */
  public Map<String, Long> sources() {
    return Collections.unmodifiableMap(sources);
  }
}
