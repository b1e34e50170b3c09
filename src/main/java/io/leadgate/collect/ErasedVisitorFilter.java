package io.leadgate.collect;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
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
 * each on its node). A form submission is new consent: its event passes, and so do the visitor's later events of the
 * same batch (the tombstone itself stays; the new lead's visitor is kept by its link, see docs/privacy.md).
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

  /** The entries to project: those of visitors without a tombstone, and form submissions. */
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
    List<Future<Set<String>>> reads = new ArrayList<>();
    byShard.forEach((shard, set) -> reads.add(tombstones.present(shard, set)));
    return Future.all(reads).map(done -> {
      Set<String> erased = new HashSet<>();
      reads.forEach(r -> erased.addAll(r.result()));
      if (erased.isEmpty()) {
        return entries;
      }
      Set<String> consented = new HashSet<>();
      List<EventLog.LoggedEvent> kept = new ArrayList<>(entries.size());
      for (EventLog.LoggedEvent entry : entries) {
        Event event = entry.event();
        String h = event == null ? null : hashes.get(event.site() + "/" + event.visitor());
        if (event != null && event.type() == EventType.FORM) {
          consented.add(h);
        }
        if (h == null || !erased.contains(h) || consented.contains(h)) {
          kept.add(entry);
        }
      }
      return kept;
    });
  }
}
