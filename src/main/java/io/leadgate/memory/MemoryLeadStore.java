package io.leadgate.memory;

import io.leadgate.core.Shards;
import io.leadgate.identity.Lead;
import io.leadgate.identity.StageEntry;
import io.leadgate.identity.LeadChange;
import io.leadgate.identity.LeadStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Leads in this process, following the same rules as {@code apply_lead_change.lua}; one lock for every change. */
final class MemoryLeadStore implements LeadStore {
  private final Clock clock;
  private final MemoryVisitorStore visitorStore;
  private final MemoryErasedVisitors tombstones;
  private final MemoryOutbox outbox;
  private final Map<String, String> emails = new HashMap<>();
  private final Map<String, Entry> leads = new HashMap<>();
  private final Map<String, Expiring> markers = new HashMap<>();
  private final Map<String, Expiring> submissions = new HashMap<>();

  MemoryLeadStore(Clock clock, MemoryVisitorStore visitorStore, MemoryErasedVisitors tombstones, MemoryOutbox outbox) {
    this.clock = clock;
    this.visitorStore = visitorStore;
    this.tombstones = tombstones;
    this.outbox = outbox;
  }

  @Override
  public synchronized Future<String> claimEmail(String site, String emailKey, String candidateId) {
    return Future.succeededFuture(emails.computeIfAbsent(site + ":" + emailKey, k -> candidateId));
  }

  @Override
  public synchronized Future<Optional<String>> leadIdByEmail(String site, String emailKey) {
    return Future.succeededFuture(Optional.ofNullable(emails.get(site + ":" + emailKey)));
  }

  @Override
  public synchronized Future<LeadIdPage> leadIds(String site, String cursor, int count) {
    List<String> keys = emails.keySet().stream().filter(k -> k.startsWith(site + ":")).sorted().toList();
    int from = Integer.parseInt(cursor);
    int to = Math.min(keys.size(), from + count);
    List<String> ids = keys.subList(Math.min(from, to), to).stream().map(emails::get).toList();
    return Future.succeededFuture(new LeadIdPage(ids, to >= keys.size() ? null : Integer.toString(to)));
  }

  @Override
  public synchronized Future<Optional<Lead>> lead(String leadId) {
    Entry entry = leads.get(leadId);
    return Future.succeededFuture(entry == null ? Optional.empty() : Optional.of(entry.lead));
  }

  @Override
  public synchronized Future<LeadChange.Applied> apply(LeadChange change) {
    String leadId = change.after().id();
    Entry entry = leads.get(leadId);
    long current = entry == null ? 0 : entry.lead.seq();
    if (change.submissionId() != null) {
      Expiring marker = live(markers, leadId + ":" + change.submissionId());
      if (marker != null) {
        return Future.succeededFuture(new LeadChange.Applied(LeadChange.Outcome.DUPLICATE, current, marker.value));
      }
    }
    if (current != change.expectedSeq()) {
      return Future.succeededFuture(new LeadChange.Applied(LeadChange.Outcome.CONFLICT, current, ""));
    }
    if (entry == null) {
      entry = new Entry();
      leads.put(leadId, entry);
    }
    // stored as Redis stores it: through the hash form, so both stores read back the same lead
    Map<String, String> hash = new HashMap<>(change.after().toHash());
    hash.put("seq", Long.toString(current + 1));
    entry.lead = Lead.fromHash(hash);
    if (change.stageEntry() != null) {
      entry.stages.add(change.stageEntry());
    }
    if (change.visitorMember() != null) {
      entry.visitors.add(change.visitorMember());
    }
    if (change.submissionId() != null) {
      markers.put(leadId + ":" + change.submissionId(), new Expiring(
          change.submittedBy() == null ? "" : change.submittedBy(),
          clock.millis() + Math.max(1, change.submissionTtlSeconds()) * 1000));
    }
    outbox.append(change.event());
    return Future.succeededFuture(new LeadChange.Applied(LeadChange.Outcome.APPLIED, current + 1, ""));
  }

  @Override
  public Future<Void> linkVisitor(String leadId, String site, String visitorId, Lift lift) {
    synchronized (this) {
      leads.computeIfAbsent(leadId, k -> new Entry()).visitors.add(site + ":" + visitorId);
    }
    tombstones.joinAndLift(Shards.of(site, visitorId), lift, () -> visitorStore.link(site, visitorId, leadId, "form"));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> linkIdentifiedVisitor(String leadId, String site, String visitorId) {
    if (!visitorStore.linkIfAnonymous(site, visitorId, leadId, "identify")) {
      return Future.succeededFuture(false);
    }
    synchronized (this) {
      leads.computeIfAbsent(leadId, k -> new Entry()).visitors.add(site + ":" + visitorId);
    }
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<List<String>> visitors(String leadId) {
    Entry entry = leads.get(leadId);
    return Future.succeededFuture(entry == null ? List.of() : List.copyOf(entry.visitors));
  }

  @Override
  public synchronized Future<Void> releaseEmail(String site, String emailKey, String leadId) {
    emails.remove(site + ":" + emailKey, leadId);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> erase(String leadId) {
    leads.remove(leadId);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<StageEntry>> stages(String leadId) {
    Entry entry = leads.get(leadId);
    return Future.succeededFuture(entry == null ? List.of() : List.copyOf(entry.stages));
  }

  @Override
  public synchronized Future<Void> recordSubmission(String site, String submissionId, Submitted submitted,
                                                    long ttlSeconds) {
    submissions.put(site + ":" + submissionId, new Expiring(submitted.leadId() + " " + submitted.visitorId(),
        clock.millis() + Math.max(1, ttlSeconds) * 1000));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Optional<Submitted>> submission(String site, String submissionId) {
    Expiring record = live(submissions, site + ":" + submissionId);
    if (record == null) {
      return Future.succeededFuture(Optional.empty());
    }
    String[] parts = record.value.split(" ", 2);
    return Future.succeededFuture(Optional.of(new Submitted(parts[0], parts[1])));
  }

  private Expiring live(Map<String, Expiring> map, String key) {
    Expiring value = map.get(key);
    if (value != null && value.expiresAt <= clock.millis()) {
      map.remove(key);
      return null;
    }
    return value;
  }

  private record Expiring(String value, long expiresAt) {
  }

  /** A lead's state; {@code lead} is null while only visitors were linked (as on Redis, where the set exists alone). */
  private static final class Entry {
    Lead lead;
    final List<StageEntry> stages = new ArrayList<>();
    final TreeSet<String> visitors = new TreeSet<>();
  }
}
