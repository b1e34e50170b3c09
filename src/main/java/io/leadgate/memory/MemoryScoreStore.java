package io.leadgate.memory;

import io.leadgate.identity.Lead;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoreChange;
import io.leadgate.scoring.ScoreSnapshot;
import io.leadgate.scoring.ScoreState;
import io.leadgate.identity.LeadChange;
import io.leadgate.scoring.ScoreStore;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores in this process: the state {@code scoring.ScoreStep} decided, written compare-and-set under the lead
 * store's lock, so a write is atomic with every other lead change, as the Redis script is.
 */
final class MemoryScoreStore implements ScoreStore {
  private final MemoryLeadStore leads;
  private final Map<String, Stored> scores = new HashMap<>();
  private final Map<String, Map<String, IndexRow>> indexes = new HashMap<>();
  private final java.util.Set<String> ceilingsIndexed = new java.util.HashSet<>();

  MemoryScoreStore(MemoryLeadStore leads) {
    this.leads = leads;
  }

  @Override
  public Future<ScoreSnapshot> read(String leadId, Collection<String> eventIds) {
    synchronized (leads) {
      Optional<Lead> lead = leads.lead(leadId).result();
      if (lead.isEmpty()) {
        return Future.succeededFuture(ScoreSnapshot.noLead());
      }
      Stored s = scores.get(leadId);
      if (s == null) {
        return Future.succeededFuture(new ScoreSnapshot(lead.get(), lead.get().fields().encode(), ScoreState.EMPTY,
            Set.of()));
      }
      Set<String> scored = eventIds.stream().filter(s.ids::containsKey).collect(Collectors.toSet());
      return Future.succeededFuture(new ScoreSnapshot(lead.get(), lead.get().fields().encode(), s.view(List.of()),
          scored));
    }
  }

  @Override
  public Future<Boolean> write(ScoreChange change) {
    synchronized (leads) {
      Optional<Lead> lead = leads.lead(change.leadId()).result();
      Stored s = scores.get(change.leadId());
      long version = s == null ? 0 : s.state.version();
      if (lead.isEmpty() || lead.get().seq() != change.expectedSeq() || version != change.expectedVersion()) {
        return Future.succeededFuture(false);
      }
      Stored stored = scores.computeIfAbsent(change.leadId(), k -> new Stored());
      stored.state = change.state();
      stored.ids.putAll(change.scoredIds());
      stored.forgetOldIds();
      for (ScoreState.PointsEntry p : change.points()) {
        stored.log.addFirst(p);
        if (stored.log.size() > KEPT_LOG) {
          stored.log.removeLast();
        }
      }
      for (LeadChange leadChange : change.leadChanges()) {
        if (leads.apply(leadChange).result().outcome() != LeadChange.Outcome.APPLIED) {
          throw new IllegalStateException("lead " + change.leadId() + " changed under its lock");
        }
      }
      return Future.succeededFuture(true);
    }
  }

  @Override
  public Future<Optional<FitSource>> fitSource(String leadId) {
    synchronized (leads) {
      return Future.succeededFuture(leads.lead(leadId).result()
          .map(lead -> new FitSource(lead.site(), lead.email(), lead.fields().encode())));
    }
  }

  @Override
  public Future<ScoreState> state(String leadId) {
    synchronized (leads) {
      Stored s = scores.get(leadId);
      return Future.succeededFuture(s == null ? ScoreState.EMPTY
          : s.view(List.copyOf(s.log).subList(0, Math.min(50, s.log.size()))));
    }
  }

  @Override
  public Future<Void> erase(String leadId) {
    synchronized (leads) {
      scores.remove(leadId);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Boolean> ceilingsIndexed(String site) {
    return Future.succeededFuture(ceilingsIndexed.contains(site));
  }

  @Override
  public synchronized Future<Void> markCeilingsIndexed(String site) {
    ceilingsIndexed.add(site);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> unindex(String site, String leadId) {
    indexes.getOrDefault(site, new HashMap<>()).remove(leadId);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> index(String site, IndexEntry entry) {
    Map<String, IndexRow> index = indexes.computeIfAbsent(site, k -> new HashMap<>());
    IndexRow current = index.get(entry.leadId());
    if (current == null || current.version() <= entry.version()) {
      index.put(entry.leadId(), new IndexRow(entry.version(), entry.stage(), entry.score(), entry.activity()));
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<IndexHit>> range(String site, Stage stage, LeadOrder order, Double max, int offset,
                                                  int count) {
    Map<String, IndexRow> index = indexes.getOrDefault(site, Map.of());
    List<IndexHit> hits = index.entrySet().stream()
        .filter(e -> stage == null || e.getValue().stage() == stage)
        .map(e -> new IndexHit(e.getKey(), order == LeadOrder.SCORE ? e.getValue().score() : e.getValue().activity()))
        .filter(h -> max == null || h.value() <= max)
        .sorted(Comparator.comparingDouble(IndexHit::value).thenComparing(IndexHit::leadId).reversed())
        .skip(offset).limit(count).toList();
    return Future.succeededFuture(hits);
  }

  private record IndexRow(long version, Stage stage, double score, long activity) {
  }

  /** One lead's scoring state: what {@code lg:{sNN}:lead:<id>:score}, {@code :scored} and {@code :points} hold. */
  private static final class Stored {
    ScoreState state = ScoreState.EMPTY;
    final Map<String, Long> ids = new HashMap<>();
    final ArrayDeque<ScoreState.PointsEntry> log = new ArrayDeque<>();
    long horizon = -1;

    /** The state with the parts this store keeps itself. */
    ScoreState view(List<ScoreState.PointsEntry> recent) {
      ScoreState s = state;
      return new ScoreState(s.rules(), s.fit(), s.bantEvents(), s.bantFields(), recent, s.activity(), s.behaviour(),
          horizon, s.version(), s.hold(), s.repeats());
    }

    /** Keeps the newest ids; the newest of the dropped ones becomes the horizon. */
    void forgetOldIds() {
      int extra = ids.size() - KEPT_EVENT_IDS;
      if (extra <= 0) {
        return;
      }
      List<Map.Entry<String, Long>> oldest = ids.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .limit(extra).toList();
      oldest.forEach(e -> ids.remove(e.getKey()));
      horizon = Math.max(horizon, oldest.get(oldest.size() - 1).getValue());
    }
  }
}
