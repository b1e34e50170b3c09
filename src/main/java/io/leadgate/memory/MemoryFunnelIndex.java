package io.leadgate.memory;

import io.leadgate.funnel.FunnelIndex;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Leads by the time they were made, per site, in this process (one member per lead, as the leads themselves). */
final class MemoryFunnelIndex implements FunnelIndex {
  private record Made(long at, String leadId) implements Comparable<Made> {
    @Override
    public int compareTo(Made other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : leadId.compareTo(other.leadId);
    }
  }

  private final Map<String, TreeSet<Made>> bySite = new HashMap<>();
  private final Map<String, Long> madeAt = new HashMap<>();

  @Override
  public synchronized Future<Void> made(String site, String leadId, long at) {
    if (madeAt.putIfAbsent(site + "\n" + leadId, at) == null) {
      bySite.computeIfAbsent(site, s -> new TreeSet<>()).add(new Made(at, leadId));
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> remove(String site, String leadId) {
    Long at = madeAt.remove(site + "\n" + leadId);
    if (at != null) {
      bySite.get(site).remove(new Made(at, leadId));
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<String>> madeBetween(String site, long fromMs, long toMs, int max) {
    List<String> ids = new ArrayList<>();
    for (Made made : bySite.getOrDefault(site, new TreeSet<>()).subSet(new Made(fromMs, ""), new Made(toMs, ""))) {
      if (ids.size() >= max) {
        break;
      }
      ids.add(made.leadId());
    }
    return Future.succeededFuture(ids);
  }
}
