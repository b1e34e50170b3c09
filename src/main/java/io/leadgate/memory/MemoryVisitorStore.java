package io.leadgate.memory;

import io.leadgate.core.Event;
import io.leadgate.identity.Visitor;
import io.leadgate.identity.VisitorActivity;
import io.leadgate.identity.VisitorHash;
import io.leadgate.identity.VisitorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Visitors in this process, following the rules of {@link VisitorActivity} as the Redis store does. */
final class MemoryVisitorStore implements VisitorStore {
  private final Clock clock;
  private static final int SWEEP_EVERY = 10_000;
  private final Map<String, Entry> visitors = new HashMap<>();
  private int recordsSinceSweep;

  MemoryVisitorStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<List<Recorded>> record(List<Recording> events) {
    List<Recorded> recorded = new ArrayList<>(events.size());
    for (Recording recording : events) {
      recorded.add(recordOne(recording.event(), recording.record(), recording.retention()));
    }
    return Future.succeededFuture(recorded);
  }

  private Recorded recordOne(Event event, VisitorRecord record, Retention retention) {
    sweepNowAndThen();
    String key = event.site() + ":" + event.visitor();
    Entry entry = live(key);
    if (entry == null) {
      entry = new Entry();
      visitors.put(key, entry);
    }
    if (!entry.recentIds.add(event.id())) {
      return new Recorded(false, false, entry.hash.get("lead"));
    }
    if (entry.recentIds.size() > VisitorActivity.RECENT_IDS) {
      Iterator<String> oldest = entry.recentIds.iterator();
      oldest.next();
      oldest.remove();
    }
    long now = event.receivedAt();
    Map<String, String> hash = entry.hash;
    long last = Long.parseLong(hash.getOrDefault("last_seen", "0"));
    boolean newSession = VisitorActivity.startsSession(last, now, retention.sessionGapMs());
    if (last == 0) {
      hash.put("first_seen", Long.toString(now));
      hash.put("sessions", "1");
      hash.put("landing", event.url());
      hash.put("first_touch", record.touchJson());
    } else if (newSession) {
      hash.merge("sessions", "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
    }
    if (now > last) {
      hash.put("last_seen", Long.toString(now));
    }
    if (last == 0 || VisitorActivity.becomesLastTouch(record.direct(), newSession,
        record.touchKey().equals(hash.get("touch_key")))) {
      hash.put("last_touch", record.touchJson());
      hash.put("touch_key", record.touchKey());
    }
    hash.merge(record.counter(), "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
    if (event.ip() != null) {
      hash.put("ip", event.ip());
    }
    entry.timeline.addFirst(record.timelineEntry());
    while (entry.timeline.size() > retention.timelineMax()) {
      entry.timeline.removeLast();
    }
    if (hash.containsKey("lead")) {
      entry.expiresAt = Long.MAX_VALUE;
    } else if (VisitorActivity.renewsRetention(last, now)) {
      entry.expiresAt = clock.millis() + retention.ttlSeconds() * 1000;
    }
    return new Recorded(true, newSession, hash.get("lead"));
  }

  @Override
  public synchronized Future<Optional<Visitor>> visitor(String site, String visitorId) {
    Entry entry = live(site + ":" + visitorId);
    return Future.succeededFuture(entry == null || entry.hash.isEmpty()
        ? Optional.empty() : Optional.of(VisitorHash.toVisitor(site, visitorId, Map.copyOf(entry.hash))));
  }

  @Override
  public synchronized Future<Void> erase(String site, String visitorId) {
    visitors.remove(site + ":" + visitorId);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<JsonObject>> timeline(String site, String visitorId, int max) {
    Entry entry = live(site + ":" + visitorId);
    List<JsonObject> entries = new ArrayList<>();
    if (entry != null) {
      for (String json : entry.timeline) {
        if (entries.size() >= max) {
          break;
        }
        entries.add(new JsonObject(json));
      }
    }
    return Future.succeededFuture(entries);
  }

  /** Drops expired visitors that are never read again, so memory stays bounded as with Redis TTLs. */
  private void sweepNowAndThen() {
    if (++recordsSinceSweep < SWEEP_EVERY) {
      return;
    }
    recordsSinceSweep = 0;
    long now = clock.millis();
    visitors.values().removeIf(entry -> entry.expiresAt <= now);
  }

  /** Points the visitor at its lead and keeps it from now on (as {@code link_visitor.lua} does). */
  synchronized void link(String site, String visitorId, String leadId, String linkedBy) {
    String key = site + ":" + visitorId;
    Entry entry = live(key);
    if (entry == null) {
      entry = new Entry();
      visitors.put(key, entry);
    }
    entry.hash.put("lead", leadId);
    entry.hash.put("linked_by", linkedBy);
    entry.expiresAt = Long.MAX_VALUE;
  }

  /** Links the visitor unless it is another lead's; true when it is this lead's now (as {@code link_visitor.lua}). */
  synchronized boolean linkIfAnonymous(String site, String visitorId, String leadId, String linkedBy) {
    Entry entry = live(site + ":" + visitorId);
    String current = entry == null ? null : entry.hash.get("lead");
    if (current != null) {
      return current.equals(leadId);
    }
    link(site, visitorId, leadId, linkedBy);
    return true;
  }

  /** The entry, or null when absent or past its retention (it is then dropped, as Redis expires it). */
  private Entry live(String key) {
    Entry entry = visitors.get(key);
    if (entry != null && entry.expiresAt <= clock.millis()) {
      visitors.remove(key);
      return null;
    }
    return entry;
  }

  private static final class Entry {
    final Map<String, String> hash = new HashMap<>();
    final ArrayDeque<String> timeline = new ArrayDeque<>();
    final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
    long expiresAt = Long.MAX_VALUE;
  }
}
