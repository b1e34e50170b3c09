package io.leadgate.redis;

import io.leadgate.identity.Stage;
import io.leadgate.scoring.Criterion;
import io.leadgate.scoring.ScoreDelta;
import io.leadgate.scoring.ScoreDelta.FitPoints;
import io.leadgate.scoring.ScoreResult;
import io.leadgate.scoring.ScoreState;
import io.leadgate.scoring.Thresholds;
import io.leadgate.scoring.ScoreStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scores on Redis: {@code score_lead.lua} on the lead's shard, {@code index_lead.lua} on the site's index tag. */
final class RedisScoreStore implements ScoreStore {
  static final LuaScript SCORE = LuaScript.load("score_lead");
  static final LuaScript INDEX = LuaScript.load("index_lead");
  private static final int LOG_READ = 50;
  private final RedisClient redis;

  RedisScoreStore(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<ScoreResult> apply(String leadId, ScoreDelta step, Thresholds thresholds, long now) {
    List<String> keys = List.of(RedisKeys.lead(leadId), RedisKeys.leadStages(leadId), RedisKeys.outboxOf(leadId),
        RedisKeys.leadScore(leadId), RedisKeys.leadScored(leadId), RedisKeys.leadPoints(leadId));
    List<String> args = List.of(Long.toString(now), leadId, Long.toString(thresholds.halfLifeMs()),
        Integer.toString(thresholds.mqlScore()), thresholds.mqlMinFit() == null ? "" : thresholds.mqlMinFit().toString(),
        String.join(",", thresholds.bant().stream().sorted().map(Criterion::label).toList()),
        thresholds.notifyScore() ? "1" : "0", Integer.toString(KEPT_EVENT_IDS), Integer.toString(KEPT_LOG),
        stepJson(step).encode());
    return redis.queueEval("score_lead", SCORE, keys, args).map(RedisScoreStore::result);
  }

  static JsonObject stepJson(ScoreDelta step) {
    JsonArray events = new JsonArray();
    for (ScoreDelta.ScoredEvent e : step.events()) {
      JsonArray points = new JsonArray();
      e.points().forEach(p -> points.add(new JsonObject().put("r", p.rule()).put("p", p.points())
          .put("max", p.maxPerDay())));
      events.add(new JsonObject().put("id", e.id()).put("at", e.at()).put("day", e.day()).put("pts", points)
          .put("bant", criteria(e.bant())).put("why", e.why()));
    }
    JsonObject json = new JsonObject().put("events", events).put("ro", step.readOnly());
    if (step.fit() != null) {
      JsonObject rules = new JsonObject();
      step.fit().rules().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(r ->
          rules.put(r.getKey(), new JsonObject().put("p", r.getValue().points()).put("why", r.getValue().why())));
      json.put("fit", new JsonObject().put("src", step.fit().source()).put("rules", rules)
          .put("bant", criteria(step.fit().bant())));
    }
    return json;
  }

  private static JsonObject criteria(Map<Criterion, String> known) {
    JsonObject json = new JsonObject();
    known.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> json.put(e.getKey().label(), e.getValue()));
    return json;
  }

  private static ScoreResult result(Response reply) {
    String status = reply.get(0).toString();
    if (status.equals("nolead")) {
      return ScoreResult.of(ScoreResult.Outcome.NO_LEAD);
    }
    if (status.equals("stale")) {
      return ScoreResult.of(ScoreResult.Outcome.STALE_FIT);
    }
    List<ScoreResult.Move> moves = new ArrayList<>();
    Object decoded = io.vertx.core.json.Json.decodeValue(reply.get(9).toString());
    if (decoded instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        JsonObject m = array.getJsonObject(i);
        moves.add(new ScoreResult.Move(stage(m.getString("from")), stage(m.getString("to")), m.getString("reason"),
            m.getLong("seq")));
      }
    }
    return new ScoreResult(ScoreResult.Outcome.APPLIED, reply.get(1).toString(), stage(reply.get(2).toString()),
        number(reply.get(3)), number(reply.get(4)), Double.parseDouble(reply.get(5).toString()),
        Double.parseDouble(reply.get(6).toString()), number(reply.get(7)), reply.get(8).toInteger(), moves,
        reply.get(10).toInteger() == 1);
  }

  /** Lua prints large integers in full below 1e14; parse through double to be safe with any form. */
  private static long number(Response value) {
    return (long) Double.parseDouble(value.toString());
  }

  private static Stage stage(String label) {
    return Stage.parse(label).orElse(Stage.LEAD);
  }

  @Override
  public Future<Optional<FitSource>> fitSource(String leadId) {
    return redis.send("lead_fit_source", Request.cmd(Command.HMGET).arg(RedisKeys.lead(leadId))
        .arg("site").arg("email").arg("fields")).map(reply -> reply.get(0) == null ? Optional.empty()
        : Optional.of(new FitSource(reply.get(0).toString(), text(reply.get(1)), text(reply.get(2)))));
  }

  private static String text(Response value) {
    return value == null ? "" : value.toString();
  }

  @Override
  public Future<ScoreState> state(String leadId) {
    return redis.batch("score_state", List.of(
            Request.cmd(Command.HGETALL).arg(RedisKeys.leadScore(leadId)),
            Request.cmd(Command.LRANGE).arg(RedisKeys.leadPoints(leadId)).arg(0).arg(LOG_READ - 1)))
        .map(replies -> state(RedisVisitorStore.toMap(replies.get(0)), replies.get(1)));
  }

  static ScoreState state(Map<String, String> hash, Response log) {
    if (hash.isEmpty()) {
      return ScoreState.EMPTY;
    }
    Map<String, ScoreState.RuleTotal> rules = new LinkedHashMap<>();
    hash.entrySet().stream().filter(e -> e.getKey().startsWith("r:")).sorted(Map.Entry.comparingByKey()).forEach(e -> {
      JsonObject r = new JsonObject(e.getValue());
      rules.put(e.getKey().substring(2), new ScoreState.RuleTotal(r.getDouble("v"), r.getNumber("t").longValue(),
          r.getNumber("n").longValue(), r.getNumber("p").longValue(), r.getNumber("f").longValue(),
          r.getNumber("l").longValue(), String.valueOf(r.getValue("d")), r.getNumber("dn").longValue()));
    });
    Map<String, FitPoints> fit = new LinkedHashMap<>();
    new JsonObject(hash.getOrDefault("fit", "{}")).forEach(e -> {
      JsonObject f = (JsonObject) e.getValue();
      fit.put(e.getKey(), new FitPoints(f.getNumber("p").intValue(), f.getString("why")));
    });
    List<ScoreState.PointsEntry> recent = new ArrayList<>();
    if (log != null) {
      log.forEach(entry -> {
        JsonObject p = new JsonObject(entry.toString());
        recent.add(new ScoreState.PointsEntry(p.getString("e"), p.getString("r"), p.getNumber("p").intValue(),
            p.getNumber("at").longValue()));
      });
    }
    return new ScoreState(rules, fit, criteria(hash.get("bant_ev")), criteria(hash.get("bant_f")), recent,
        (long) Double.parseDouble(hash.getOrDefault("activity", "0")));
  }

  private static Map<Criterion, String> criteria(String json) {
    Map<Criterion, String> known = new EnumMap<>(Criterion.class);
    if (json != null) {
      new JsonObject(json).forEach(e -> Criterion.parse(e.getKey()).ifPresent(c -> known.put(c, String.valueOf(e.getValue()))));
    }
    return known;
  }

  @Override
  public Future<Void> index(String site, IndexEntry entry) {
    List<String> keys = new ArrayList<>(List.of(RedisKeys.leadIndex(site),
        RedisKeys.leadIndexOrder(site, null, LeadOrder.SCORE.label()),
        RedisKeys.leadIndexOrder(site, null, LeadOrder.RECENT.label())));
    List<String> args = new ArrayList<>(List.of(entry.leadId(), Long.toString(entry.version()), entry.stage().label(),
        Double.toString(entry.score()), Long.toString(entry.activity())));
    for (Stage stage : Stage.values()) {
      keys.add(RedisKeys.leadIndexOrder(site, stage.label(), LeadOrder.SCORE.label()));
      keys.add(RedisKeys.leadIndexOrder(site, stage.label(), LeadOrder.RECENT.label()));
      args.add(stage.label());
    }
    return redis.queueEval("index_lead", INDEX, keys, args).mapEmpty();
  }

  @Override
  public Future<List<IndexHit>> range(String site, Stage stage, LeadOrder order, Double max, int offset, int count) {
    String key = RedisKeys.leadIndexOrder(site, stage == null ? null : stage.label(), order.label());
    // ZRANGE ... BYSCORE REV (Redis 6.2+): ties come in descending member order, as the keyset cursor expects
    Request request = Request.cmd(Command.ZRANGE).arg(key).arg(max == null ? "+inf" : Double.toString(max))
        .arg("-inf").arg("BYSCORE").arg("REV").arg("LIMIT").arg(offset).arg(count).arg("WITHSCORES");
    return redis.send("lead_index", request).map(reply -> {
      List<IndexHit> hits = new ArrayList<>();
      for (int i = 0; i + 1 < reply.size(); i += 2) {
        hits.add(new IndexHit(reply.get(i).toString(), Double.parseDouble(reply.get(i + 1).toString())));
      }
      return hits;
    });
  }
}
