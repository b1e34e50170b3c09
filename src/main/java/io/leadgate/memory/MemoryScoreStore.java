package io.leadgate.memory;

import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadChanges;
import io.leadgate.identity.Stage;
import io.leadgate.identity.StageEntry;
import io.leadgate.scoring.Criterion;
import io.leadgate.scoring.Decay;
import io.leadgate.scoring.Lifecycle;
import io.leadgate.scoring.Points;
import io.leadgate.scoring.ScoreDelta;
import io.leadgate.scoring.ScoreDelta.FitPoints;
import io.leadgate.scoring.ScoreResult;
import io.leadgate.scoring.ScoreState;
import io.leadgate.scoring.Thresholds;
import io.leadgate.core.DomainEvent;
import io.leadgate.identity.LeadChange;
import io.leadgate.scoring.ScoreStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scores in this process, following {@code score_lead.lua} and {@code index_lead.lua} step for step. A scoring step
 * holds the lead store's lock from start to end, so it is atomic with every other lead change, as the script is.
 */
final class MemoryScoreStore implements ScoreStore {
  private final MemoryLeadStore leads;
  private final Map<String, LeadScore> scores = new HashMap<>();
  private final Map<String, Map<String, IndexRow>> indexes = new HashMap<>();

  MemoryScoreStore(MemoryLeadStore leads) {
    this.leads = leads;
  }

  @Override
  public Future<ScoreResult> apply(String leadId, ScoreDelta step, Thresholds thresholds, long now) {
    synchronized (leads) {
      Optional<Lead> found = leads.lead(leadId).result();
      if (found.isEmpty()) {
        return Future.succeededFuture(ScoreResult.of(ScoreResult.Outcome.NO_LEAD));
      }
      Lead lead = found.get();
      if (step.fit() != null && !step.fit().source().equals(lead.fields().encode())) {
        return Future.succeededFuture(ScoreResult.of(ScoreResult.Outcome.STALE_FIT));
      }
      LeadScore s = scores.computeIfAbsent(leadId, k -> new LeadScore());
      long previousActivity = s.activity;
      boolean changed = false;
      int fresh = 0;
      String lastWhy = null;
      if (!step.readOnly()) {
        for (ScoreDelta.ScoredEvent e : step.events()) {
          if (e.at() <= s.horizon || s.ids.containsKey(e.id())) {
            continue;
          }
          s.ids.put(e.id(), e.at());
          fresh++;
          for (Points p : e.points()) {
            changed |= s.add(e, p, thresholds.halfLifeMs());
          }
          for (Map.Entry<Criterion, String> known : e.bant().entrySet()) {
            if (s.bantEvents.putIfAbsent(known.getKey(), known.getValue()) == null) {
              changed = true;
            }
          }
          s.activity = Math.max(s.activity, e.at());
          lastWhy = e.why();
        }
        if (fresh > 0) {
          s.forgetOldIds();
        }
        if (step.fit() != null) {
          changed |= !s.fit.equals(step.fit().rules()) || !s.bantFields.equals(step.fit().bant());
          s.fit = new TreeMap<>(step.fit().rules());
          s.bantFields = new EnumMap<>(Criterion.class);
          s.bantFields.putAll(step.fit().bant());
          if (lastWhy == null) {
            lastWhy = "fit";
          }
        }
      }
      double fit = s.fitScore();
      double total = Decay.round(fit + s.behaviour(now, thresholds.halfLifeMs()));

      List<Stage> targets = step.readOnly() ? List.of() : Lifecycle.automaticMoves(lead.stage(),
          thresholds.mqlReached(total, fit), thresholds.bantComplete(s.known().keySet()));
      String because = lastWhy == null ? "" : " (last: " + lastWhy + ")";
      List<ScoreResult.Move> moves = new ArrayList<>();
      for (Stage to : targets) {
        String reason = to == Stage.MQL ? mqlReason(total, fit, thresholds) + because : bantReason(s, thresholds);
        Stage from = lead.stage();
        lead = change(lead, to, now);
        JsonObject data = data(lead, total, fit).put("from", from.label()).put("to", to.label()).put("reason", reason);
        leads.apply(new LeadChange(lead, lead.seq() - 1, null, null, 0, new StageEntry(to, from, now, reason, "scoring"),
            null, event(LeadChanges.STAGE_CHANGED, lead, now, data)));
        moves.add(new ScoreResult.Move(from, to, reason, lead.seq()));
      }
      if (changed && moves.isEmpty() && thresholds.notifyScore()) {
        Lead same = new Lead(lead.id(), lead.site(), lead.email(), lead.stage(), lead.createdAt(), lead.updatedAt(),
            lead.seq() + 1, lead.fields(), lead.consents(), lead.firstTouch(), lead.disqualifiedReason());
        leads.apply(new LeadChange(same, lead.seq(), null, null, 0, null, null,
            event(LeadChanges.UPDATED, same, now, data(same, total, fit))));
        lead = same;
      }
      if (changed || !moves.isEmpty()) {
        s.version++;
      }
      return Future.succeededFuture(new ScoreResult(ScoreResult.Outcome.APPLIED, lead.site(), lead.stage(), lead.seq(),
          lead.seq() + s.version, total, fit, s.activity, fresh, moves,
          changed || !moves.isEmpty() || Math.floorDiv(s.activity, 60_000) != Math.floorDiv(previousActivity, 60_000)));
    }
  }

  private static String mqlReason(double total, double fit, Thresholds t) {
    String reason = "score " + number(total) + " reached the MQL threshold " + t.mqlScore();
    if (t.mqlMinFit() != null) {
      reason += " with fit " + number(fit) + " (at least " + t.mqlMinFit() + ")";
    }
    return reason;
  }

  private static String bantReason(LeadScore s, Thresholds t) {
    List<String> parts = new ArrayList<>();
    t.bant().stream().sorted().forEach(c -> parts.add(c.label() + ": " + s.known().get(c)));
    return "BANT known (" + String.join("; ", parts) + ")";
  }

  /** As Lua's {@code tostring}: integral values without a fraction. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static Lead change(Lead lead, Stage to, long now) {
    return new Lead(lead.id(), lead.site(), lead.email(), to, lead.createdAt(), now, lead.seq() + 1, lead.fields(),
        lead.consents(), lead.firstTouch(), null);
  }

  private static JsonObject data(Lead lead, double total, double fit) {
    return lead.toJson().put("score", total).put("fit", fit);
  }

  private static DomainEvent event(String type, Lead lead, long at, JsonObject data) {
    return new DomainEvent(LeadChanges.eventId(lead.id(), lead.seq()), type, lead.site(), lead.id(), lead.seq(), at,
        data);
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
      LeadScore s = scores.get(leadId);
      if (s == null) {
        return Future.succeededFuture(ScoreState.EMPTY);
      }
      Map<String, ScoreState.RuleTotal> rules = new TreeMap<>();
      s.rules.forEach((id, r) -> rules.put(id, new ScoreState.RuleTotal(r.value, r.at, r.count, r.raw, r.first, r.last,
          r.day, r.today)));
      return Future.succeededFuture(new ScoreState(rules, Map.copyOf(s.fit), Map.copyOf(s.bantEvents),
          Map.copyOf(s.bantFields), List.copyOf(s.log).subList(0, Math.min(50, s.log.size())), s.activity));
    }
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
  private static final class LeadScore {
    final Map<String, Total> rules = new LinkedHashMap<>();
    Map<String, FitPoints> fit = new TreeMap<>();
    Map<Criterion, String> bantEvents = new EnumMap<>(Criterion.class);
    Map<Criterion, String> bantFields = new EnumMap<>(Criterion.class);
    final Map<String, Long> ids = new HashMap<>();
    final ArrayDeque<ScoreState.PointsEntry> log = new ArrayDeque<>();
    long horizon = -1;
    long activity;
    long version;

    /** Adds the rule's points unless its daily cap is reached; true when they counted. */
    boolean add(ScoreDelta.ScoredEvent e, Points p, long halfLife) {
      Total r = rules.computeIfAbsent(p.rule(), k -> new Total(e.at()));
      if (p.maxPerDay() > 0) {
        if (e.day().compareTo(r.day) > 0) {
          r.day = e.day();
          r.today = 0;
        }
        if (e.day().equals(r.day)) {
          if (r.today >= p.maxPerDay()) {
            return false;
          }
          r.today++;
        }
      }
      r.add(p.points(), e.at(), halfLife);
      log.addFirst(new ScoreState.PointsEntry(e.id(), p.rule(), p.points(), e.at()));
      while (log.size() > KEPT_LOG) {
        log.removeLast();
      }
      return true;
    }

    void forgetOldIds() {
      int extra = ids.size() - KEPT_EVENT_IDS;
      if (extra <= 0) {
        return;
      }
      List<Map.Entry<String, Long>> oldest = ids.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .limit(extra).toList();
      oldest.forEach(e -> ids.remove(e.getKey()));
      horizon = oldest.get(oldest.size() - 1).getValue();
    }

    double fitScore() {
      return fit.values().stream().mapToInt(FitPoints::points).sum();
    }

    double behaviour(long now, long halfLifeMs) {
      double sum = 0;
      for (Total r : rules.values()) {
        sum += Decay.at(r.value, r.at, now, halfLifeMs);
      }
      return sum;
    }

    Map<Criterion, String> known() {
      Map<Criterion, String> known = new EnumMap<>(Criterion.class);
      known.putAll(bantFields);
      known.putAll(bantEvents);
      return known;
    }
  }

  private static final class Total {
    double value;
    long at;
    long count;
    long raw;
    long first;
    long last;
    String day = "";
    long today;

    Total(long at) {
      this.at = at;
      this.first = at;
      this.last = at;
    }

    void add(int points, long when, long halfLifeMs) {
      double[] next = Decay.add(value, at, points, when, halfLifeMs);
      value = next[0];
      at = (long) next[1];
      count++;
      raw += points;
      first = Math.min(first, when);
      last = Math.max(last, when);
    }
  }
}
