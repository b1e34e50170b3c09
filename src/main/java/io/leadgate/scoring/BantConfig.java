package io.leadgate.scoring;

import io.leadgate.config.Check;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The site's BANT criteria ({@code scoring.bant}): for each criterion, the signals that make it known (any one is
 * enough). A lead whose every configured criterion is known moves to {@code sql}. A criterion left out is not
 * required; at least one must be configured.
 */
public record BantConfig(List<Signal> budget, List<Signal> authority, List<Signal> need, List<Signal> timeline) {

  public BantConfig {
    budget = budget == null ? List.of() : List.copyOf(budget);
    authority = authority == null ? List.of() : List.copyOf(authority);
    need = need == null ? List.of() : List.copyOf(need);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    Check.that(!(budget.isEmpty() && authority.isEmpty() && need.isEmpty() && timeline.isEmpty()), "",
        "must configure at least one of budget, authority, need, timeline (or leave bant out)");
  }

  /** The configured criteria and their signals. */
  public Map<Criterion, List<Signal>> criteria() {
    Map<Criterion, List<Signal>> map = new EnumMap<>(Criterion.class);
    put(map, Criterion.BUDGET, budget);
    put(map, Criterion.AUTHORITY, authority);
    put(map, Criterion.NEED, need);
    put(map, Criterion.TIMELINE, timeline);
    return map;
  }

  private static void put(Map<Criterion, List<Signal>> map, Criterion c, List<Signal> signals) {
    if (!signals.isEmpty()) {
      map.put(c, signals);
    }
  }
}
