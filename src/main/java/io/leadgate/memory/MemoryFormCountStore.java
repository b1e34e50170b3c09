package io.leadgate.memory;

import io.leadgate.forms.FormCountStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Form outcome counts in this process; a day is dropped once older than the longest {@code keepDays} asked for. */
final class MemoryFormCountStore implements FormCountStore {
  private final Clock clock;
  /** site → day → form → outcome → count. */
  private final Map<String, TreeMap<LocalDate, Map<String, Map<String, Long>>>> counts = new HashMap<>();

  MemoryFormCountStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<Void> add(String site, LocalDate day, String form, String outcome, int keepDays) {
    TreeMap<LocalDate, Map<String, Map<String, Long>>> days = counts.computeIfAbsent(site, s -> new TreeMap<>());
    days.headMap(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(keepDays + 1L)).clear();
    days.computeIfAbsent(day, d -> new HashMap<>()).computeIfAbsent(form, f -> new HashMap<>())
        .merge(outcome, 1L, Long::sum);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Map<String, Map<String, Long>>> read(String site, List<LocalDate> days) {
    Map<String, Map<String, Long>> sum = new TreeMap<>();
    TreeMap<LocalDate, Map<String, Map<String, Long>>> bySite = counts.getOrDefault(site, new TreeMap<>());
    for (LocalDate day : days) {
      bySite.getOrDefault(day, Map.of()).forEach((form, outcomes) -> outcomes.forEach((outcome, n) ->
          sum.computeIfAbsent(form, f -> new TreeMap<>()).merge(outcome, n, Long::sum)));
    }
    return Future.succeededFuture(sum);
  }
}
