package io.leadgate.collect;

import io.leadgate.collect.ErasedVisitors.Tombstone;
import io.leadgate.core.Event;
import io.leadgate.core.KeyedHash;
import io.leadgate.core.Shards;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops the events of erased visitors before projection (a snippet's queued retries, a tab left open): an erased
 * person stays erased. One tombstone read per virtual shard in the batch, all at once (one round trip; on a cluster
 * each on its node). A form submission is new consent: it lifts the visitor's tombstone, and from then on the
 * visitor's events are kept again, but never one the browser made before the erasure (docs/privacy.md).
 */
public final class ErasedVisitorFilter {
  private final ErasedVisitors tombstones;
  private final KeyedHash hash;

  public ErasedVisitorFilter(ErasedVisitors tombstones, KeyedHash hash) {
    this.tombstones = tombstones;
    this.hash = hash;
  }

  /** The hash that stands for a visitor in its tombstone. */
  public String of(String site, String visitorId) {
    return hash.of("visitor:" + site + "/" + visitorId);
  }

  /** Adds the visitor's tombstone, kept {@code keepMs}. */
  public Future<Void> erase(String site, String visitorId, long atMs, long keepMs) {
    return tombstones.add(Shards.of(site, visitorId), of(site, visitorId), atMs, keepMs);
  }

  /**
   * Whether an event of a tombstoned visitor is projected: only once a form submission lifted the tombstone after
   * the erasure, only when the gateway received the event from the lift on (the submission's own event included),
   * and never when the browser says it made the event before the erasure (a retry of an event it queued then). Events
   * without the browser's time ({@code clientTs} 0: the pixel, a download link, the form's own) go by when they were
   * received.
   */
  static boolean keeps(Tombstone tombstone, Event event) {
    boolean lifted = tombstone.liftedAt() > 0 && tombstone.liftedAt() >= tombstone.erasedAt();
    return lifted && event.receivedAt() >= tombstone.liftedAt()
        && (event.clientTs() == 0 || event.clientTs() >= tombstone.erasedAt());
  }

  /** The entries to project: those of visitors without a tombstone, and those {@link #keeps} keeps. */
  Future<List<EventLog.LoggedEvent>> keep(List<EventLog.LoggedEvent> entries) {
    Map<Integer, Set<String>> byShard = new LinkedHashMap<>();
    Map<String, String> hashes = new HashMap<>();
    for (EventLog.LoggedEvent entry : entries) {
      Event event = entry.event();
      if (event != null) {
        String key = event.site() + "/" + event.visitor();
        String h = hashes.computeIfAbsent(key, k -> of(event.site(), event.visitor()));
        byShard.computeIfAbsent(Shards.of(event.site(), event.visitor()), s -> new HashSet<>()).add(h);
      }
    }
    if (byShard.isEmpty()) {
      return Future.succeededFuture(entries);
    }
    List<Future<Map<String, Tombstone>>> reads = new ArrayList<>();
    byShard.forEach((shard, set) -> reads.add(tombstones.find(shard, set)));
    return Future.all(reads).map(done -> {
      Map<String, Tombstone> erased = new HashMap<>();
      reads.forEach(r -> erased.putAll(r.result()));
      if (erased.isEmpty()) {
        return entries;
      }
      List<EventLog.LoggedEvent> kept = new ArrayList<>(entries.size());
      for (EventLog.LoggedEvent entry : entries) {
        Event event = entry.event();
        Tombstone tombstone = event == null ? null : erased.get(hashes.get(event.site() + "/" + event.visitor()));
        if (tombstone == null || keeps(tombstone, event)) {
          kept.add(entry);
        }
      }
      return kept;
    });
  }
}
