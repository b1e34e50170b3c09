package io.leadgate.funnel;

import io.vertx.core.Future;
import java.util.List;

/**
 * A site's leads by the time they were made (their first form), so that a funnel over a date range reads only the
 * leads made in it: on Redis a sorted set per site, {@code O(log N + M)} for M leads in the range.
 */
public interface FunnelIndex {

  /** Adds the lead at {@code at} (ms); a lead already indexed keeps its earlier time. */
  /** Erasure: the lead leaves the index. */
  Future<Void> remove(String site, String leadId);

  Future<Void> made(String site, String leadId, long at);

  /** Ids of the leads made in {@code [fromMs, toMs)}, oldest first, at most {@code max}. */
  Future<List<String>> madeBetween(String site, long fromMs, long toMs, int max);
}
