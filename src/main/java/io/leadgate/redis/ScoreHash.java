package io.leadgate.redis;

import io.leadgate.identity.Stage;
import io.leadgate.scoring.Criterion;
import io.leadgate.scoring.Hold;
import io.leadgate.scoring.ScoreDelta.FitPoints;
import io.leadgate.scoring.ScoreState;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lead's {@link ScoreState} as the hash {@code lg:{sNN}:lead:<id>:score} holds it (docs/scoring.md, "Redis keys"):
 * {@code r:<rule>} per behaviour rule, the behaviour total, fit, BANT, activity, horizon, version, hold, repeats.
 */
final class ScoreHash {
  private ScoreHash() {
  }

  /** Field, value, field, value... for HSET: everything but {@code horizon}, which the script moves itself. */
  static List<String> fields(ScoreState s) {
    List<String> out = new ArrayList<>();
    s.rules().forEach((rule, r) -> {
      out.add("r:" + rule);
      out.add(new JsonObject().put("v", r.value()).put("t", r.at()).put("n", r.count()).put("p", r.raw())
          .put("f", r.first()).put("l", r.last()).put("d", r.day()).put("dn", r.today()).encode());
    });
    JsonObject fit = new JsonObject();
    s.fit().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        fit.put(e.getKey(), new JsonObject().put("p", e.getValue().points()).put("why", e.getValue().why())));
    JsonObject repeats = new JsonObject();
    s.repeats().forEach(repeats::put);
    add(out, "beh_v", Double.toString(s.behaviour().value()));
    add(out, "beh_t", Long.toString(s.behaviour().at()));
    add(out, "fit", fit.encode());
    add(out, "bant_ev", criteria(s.bantEvents()).encode());
    add(out, "bant_f", criteria(s.bantFields()).encode());
    add(out, "activity", Long.toString(s.activity()));
    add(out, "ver", Long.toString(s.version()));
    add(out, "repeats", repeats.encode());
    if (s.hold() != null) {
      Hold h = s.hold();
      add(out, "hold", new JsonObject().put("stage", h.stage().label()).put("from", h.from().label()).put("at", h.at())
          .put("by", h.by()).put("reason", h.reason()).put("pts", h.points()).encode());
    }
    return out;
  }

  /** Fields a state without them must not keep. */
  static List<String> cleared(ScoreState s) {
    return s.hold() == null ? List.of("hold") : List.of();
  }

  private static void add(List<String> out, String field, String value) {
    out.add(field);
    out.add(value);
  }

  private static JsonObject criteria(Map<Criterion, String> known) {
    JsonObject json = new JsonObject();
    known.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> json.put(e.getKey().label(), e.getValue()));
    return json;
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
    Map<String, Long> repeats = new HashMap<>();
    new JsonObject(hash.getOrDefault("repeats", "{}")).forEach(e -> repeats.put(e.getKey(), ((Number) e.getValue())
        .longValue()));
    return new ScoreState(rules, fit, criteria(hash.get("bant_ev")), criteria(hash.get("bant_f")), recent,
        number(hash.get("activity"), 0), new ScoreState.Total(Double.parseDouble(hash.getOrDefault("beh_v", "0")),
        number(hash.get("beh_t"), 0)), number(hash.get("horizon"), -1), number(hash.get("ver"), 0),
        hold(hash.get("hold")), repeats);
  }

  static String pointsEntry(ScoreState.PointsEntry p) {
    return new JsonObject().put("e", p.event()).put("r", p.rule()).put("p", p.points()).put("at", p.at()).encode();
  }

  private static Hold hold(String json) {
    if (json == null) {
      return null;
    }
    JsonObject h = new JsonObject(json);
    return new Hold(Stage.parse(h.getString("stage")).orElse(Stage.LEAD), Stage.parse(h.getString("from"))
        .orElse(Stage.MQL), h.getLong("at"), h.getString("by"), h.getString("reason"), h.getLong("pts"));
  }

  private static long number(String value, long fallback) {
    return value == null ? fallback : (long) Double.parseDouble(value);
  }

  private static Map<Criterion, String> criteria(String json) {
    Map<Criterion, String> known = new EnumMap<>(Criterion.class);
    if (json != null) {
      new JsonObject(json).forEach(e -> Criterion.parse(e.getKey()).ifPresent(c -> known.put(c, String.valueOf(e.getValue()))));
    }
    return known;
  }
}
