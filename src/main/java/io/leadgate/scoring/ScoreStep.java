package io.leadgate.scoring;

import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadChanges;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoreDelta.FitPoints;
import io.leadgate.scoring.ScoreDelta.ScoredEvent;
import io.leadgate.scoring.ScoreState.PointsEntry;
import io.leadgate.scoring.ScoreState.RuleTotal;
import io.leadgate.scoring.ScoreState.Total;
import io.leadgate.core.DomainEvent;
import io.leadgate.identity.LeadChange;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scoring policy, once: from a lead's stored state and a scoring step (or a person's stage decision), what
 * changes. Events count once by id; a rule's points count up to its daily cap; a repeat within its window scores
 * nothing; behaviour points decay ({@link Decay}), fit points do not; the thresholds then move the stage forward
 * ({@link Lifecycle}) unless a person's decision holds it ({@link Hold}); each move has its history entry and outbox
 * event. Plain Java: the stores only write the decided {@link ScoreChange}, compare-and-set.
 */
public final class ScoreStep {
  /** Repeat keys remembered per lead (the newest), enough for the files one person downloads within a window. */
  static final int KEPT_REPEATS = 100;

  private ScoreStep() {
  }

  /**
   * What was decided.
   *
   * @param result the lead as it is after the change (or now, when nothing changes)
   * @param lead   the lead after the change; null when there is no lead
   * @param change what to write; null when nothing changes
   */
  public record Decision(ScoreResult result, Lead lead, ScoreChange change) {
  }

  /** Applies a scoring step to the state it was read with. */
  public static Decision score(ScoreSnapshot read, ScoreDelta step, Thresholds t, long now) {
    Lead lead = read.lead();
    if (lead == null) {
      return new Decision(ScoreResult.of(ScoreResult.Outcome.NO_LEAD), null, null);
    }
    if (step.fit() != null && !step.fit().source().equals(read.fields())) {
      return new Decision(ScoreResult.of(ScoreResult.Outcome.STALE_FIT), lead, null);
    }
    Tally s = new Tally(read.state());
    if (!step.readOnly()) {
      for (ScoredEvent e : step.events()) {
        if (e.at() > s.horizon && !read.scored().contains(e.id()) && !s.scoredIds.containsKey(e.id())) {
          s.count(e, t.halfLifeMs());
        }
      }
      if (step.fit() != null) {
        s.fit(step.fit());
      }
    }
    double fit = s.fitScore();
    double total = Decay.round(fit + Decay.at(s.behaviour.value(), s.behaviour.at(), now, t.halfLifeMs()));
    Hold released = null;
    if (s.hold != null && s.hold.released(t.requalifyPoints())) {
      released = s.hold;
      s.hold = null;
    }
    List<Stage> targets = step.readOnly() ? List.of() : Lifecycle.automaticMoves(lead.stage(), s.hold != null,
        t.mqlReached(total, fit), t.bantComplete(s.known().keySet()));

    List<LeadChange> changes = new ArrayList<>();
    List<ScoreResult.Move> moves = new ArrayList<>();
    String because = s.lastWhy == null ? "" : " (last: " + s.lastWhy + ")";
    for (Stage to : targets) {
      String reason = to == Stage.MQL ? mqlReason(total, fit, t) + because : bantReason(s.known(), t);
      if (released != null && moves.isEmpty()) {
        reason += "; " + released.describe(t.requalifyPoints());
      }
      LeadChange move = stageChange(lead, to, reason, "scoring", now, total, fit);
      moves.add(new ScoreResult.Move(lead.stage(), to, reason, move.after().seq()));
      changes.add(move);
      lead = move.after();
    }
    if (s.changed && moves.isEmpty() && t.notifyScore()) {
      LeadChange notice = scoreNotice(lead, now, total, fit);
      changes.add(notice);
      lead = notice.after();
    }
    boolean writes = s.fresh > 0 || s.fitChanged || !changes.isEmpty();
    long version = read.state().version() + (writes ? 1 : 0);
    ScoreChange change = writes ? new ScoreChange(lead.id(), read.lead().seq(), read.state().version(),
        s.state(version), s.scoredIds, s.points, changes) : null;
    boolean reindex = s.changed || !moves.isEmpty()
        || Math.floorDiv(s.activity, 60_000) != Math.floorDiv(read.state().activity(), 60_000);
    return new Decision(new ScoreResult(ScoreResult.Outcome.APPLIED, lead.site(), lead.stage(), lead.seq(),
        lead.seq() + version, total, fit, s.activity, s.fresh, moves, reindex), lead, change);
  }

  /**
   * A stage set by a person (sales feedback, an admin): the move with its history entry and outbox event carrying
   * the score, and the hold it puts on scoring ({@link Lifecycle#holds}); any other move of theirs lifts an earlier
   * hold.
   *
   * @throws IllegalArgumentException when the move needs a reason and has none
   */
  public static Decision setStage(ScoreSnapshot read, Stage to, String reason, String by, Thresholds t, long now) {
    Decision current = score(read, ScoreDelta.readOnlyDelta(), t, now);
    Lead lead = read.lead();
    if (lead == null) {
      return current;
    }
    String why = Lifecycle.manualReason(lead.stage(), to, reason);
    if (lead.stage() == to) {
      return current;
    }
    ScoreResult now0 = current.result();
    LeadChange move = stageChange(lead, to, why, by, now, now0.score(), now0.fit());
    ScoreState before = read.state();
    Hold hold = Lifecycle.holds(lead.stage(), to) ? new Hold(to, lead.stage(), now, by, why, 0) : null;
    ScoreState after = new ScoreState(before.rules(), before.fit(), before.bantEvents(), before.bantFields(), List.of(),
        before.activity(), before.behaviour(), before.horizon(), before.version() + 1, hold, before.repeats());
    ScoreChange change = new ScoreChange(lead.id(), lead.seq(), before.version(), after, Map.of(), List.of(),
        List.of(move));
    Lead moved = move.after();
    return new Decision(new ScoreResult(ScoreResult.Outcome.APPLIED, moved.site(), to, moved.seq(),
        moved.seq() + after.version(), now0.score(), now0.fit(), before.activity(), 0,
        List.of(new ScoreResult.Move(lead.stage(), to, why, moved.seq())), true), moved, change);
  }

  /** A stage move with the score in its outbox event, as every webhook receiver gets it. */
  private static LeadChange stageChange(Lead lead, Stage to, String reason, String by, long now, double total,
                                        double fit) {
    Optional<LeadChange> move = LeadChanges.stageChange(lead, to, reason, by, now);
    move.orElseThrow().event().data().put("score", total).put("fit", fit).put("reason", reason);
    return move.get();
  }

  /** {@code lead.updated} with the new score ({@code notifyOn: score}): the lead is otherwise unchanged. */
  private static LeadChange scoreNotice(Lead lead, long now, double total, double fit) {
    Lead same = new Lead(lead.id(), lead.site(), lead.email(), lead.stage(), lead.createdAt(), lead.updatedAt(),
        lead.seq() + 1, lead.fields(), lead.consents(), lead.firstTouch(), lead.disqualifiedReason());
    JsonObject data = same.toJson().put("score", total).put("fit", fit);
    DomainEvent event = new DomainEvent(LeadChanges.eventId(same.id(), same.seq()), LeadChanges.UPDATED, same.site(),
        same.id(), same.seq(), now, data);
    return new LeadChange(same, lead.seq(), null, null, 0, null, null, event);
  }

  private static String mqlReason(double total, double fit, Thresholds t) {
    String reason = "score " + number(total) + " reached the MQL threshold " + t.mqlScore();
    if (t.mqlMinFit() != null) {
      reason += " with fit " + number(fit) + " (at least " + t.mqlMinFit() + ")";
    }
    return reason;
  }

  private static String bantReason(Map<Criterion, String> known, Thresholds t) {
    List<String> parts = new ArrayList<>();
    t.bant().stream().sorted().forEach(c -> parts.add(c.label() + ": " + known.get(c)));
    return "BANT known (" + String.join("; ", parts) + ")";
  }

  /** Integral values without a fraction ({@code 70}, {@code 52.5}). */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** The state being changed by one step, and what the step adds. */
  private static final class Tally {
    final Map<String, RuleTotal> rules;
    Total behaviour;
    final Map<Criterion, String> bantEvents = new EnumMap<>(Criterion.class);
    Map<Criterion, String> bantFields = new EnumMap<>(Criterion.class);
    Map<String, FitPoints> fit;
    final Map<String, Long> repeats;
    final long horizon;
    long activity;
    Hold hold;
    final Map<String, Long> scoredIds = new LinkedHashMap<>();
    final List<PointsEntry> points = new ArrayList<>();
    int fresh;
    boolean changed;
    boolean fitChanged;
    String lastWhy;

    Tally(ScoreState state) {
      rules = new LinkedHashMap<>(state.rules());
      behaviour = state.behaviour();
      bantEvents.putAll(state.bantEvents());
      bantFields.putAll(state.bantFields());
      fit = state.fit();
      repeats = new HashMap<>(state.repeats());
      horizon = state.horizon();
      activity = state.activity();
      hold = state.hold();
    }

    /** One event seen for the first time. */
    void count(ScoredEvent e, long halfLifeMs) {
      scoredIds.put(e.id(), e.at());
      fresh++;
      if (!isRepeat(e)) {
        for (Points p : e.points()) {
          add(e, p, halfLifeMs);
        }
      }
      for (Map.Entry<Criterion, String> known : e.bant().entrySet()) {
        if (bantEvents.putIfAbsent(known.getKey(), known.getValue()) == null) {
          changed = true;
        }
      }
      activity = Math.max(activity, e.at());
      lastWhy = e.why();
    }

    /** True when the event repeats one of its key that scored within the window; else it is that last one now. */
    private boolean isRepeat(ScoredEvent e) {
      if (e.repeat() == null || e.points().isEmpty()) {
        return false;
      }
      Long last = repeats.get(e.repeat().key());
      if (last != null && Math.abs(e.at() - last) < e.repeat().windowMs()) {
        return true;
      }
      repeats.put(e.repeat().key(), last == null ? e.at() : Math.max(last, e.at()));
      if (repeats.size() > KEPT_REPEATS) {
        repeats.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(o -> repeats.remove(o.getKey()));
      }
      return false;
    }

    /** Adds a rule's points unless its daily cap for the event's day is reached. */
    private void add(ScoredEvent e, Points p, long halfLifeMs) {
      RuleTotal r = rules.getOrDefault(p.rule(), new RuleTotal(0, e.at(), 0, 0, e.at(), e.at(), "", 0));
      String day = r.day();
      long today = r.today();
      if (p.maxPerDay() > 0) {
        if (e.day().compareTo(day) > 0) {
          day = e.day();
          today = 0;
        }
        // an event of an earlier day than the one counted is let through: its day's count is gone
        if (e.day().equals(day)) {
          if (today >= p.maxPerDay()) {
            return;
          }
          today++;
        }
      }
      double[] value = Decay.add(r.value(), r.at(), p.points(), e.at(), halfLifeMs);
      rules.put(p.rule(), new RuleTotal(value[0], (long) value[1], r.count() + 1, r.raw() + p.points(),
          Math.min(r.first(), e.at()), Math.max(r.last(), e.at()), day, today));
      double[] all = Decay.add(behaviour.value(), behaviour.at(), p.points(), e.at(), halfLifeMs);
      behaviour = new Total(all[0], (long) all[1]);
      points.add(new PointsEntry(e.id(), p.rule(), p.points(), e.at()));
      if (hold != null) {
        hold = hold.earned(e.at(), p.points());
      }
      changed = true;
    }

    void fit(ScoreDelta.FitUpdate update) {
      Map<Criterion, String> fields = new EnumMap<>(Criterion.class);
      fields.putAll(update.bant());
      if (!fit.equals(update.rules()) || !bantFields.equals(fields)) {
        changed = true;
        fitChanged = true;
      }
      fit = update.rules();
      bantFields = fields;
      if (lastWhy == null) {
        lastWhy = "fit";
      }
    }

    double fitScore() {
      return fit.values().stream().mapToInt(FitPoints::points).sum();
    }

    Map<Criterion, String> known() {
      Map<Criterion, String> known = new EnumMap<>(Criterion.class);
      known.putAll(bantFields);
      known.putAll(bantEvents);
      return known;
    }

    ScoreState state(long version) {
      return new ScoreState(rules, fit, bantEvents, bantFields, List.of(), activity, behaviour, horizon, version, hold,
          repeats);
    }
  }
}
