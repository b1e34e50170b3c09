package io.leadgate.redis;

import io.leadgate.identity.Lead;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoreChange;
import io.leadgate.scoring.ScoreSnapshot;
import io.leadgate.scoring.ScoreState;
import io.leadgate.core.DomainEvent;
import io.leadgate.identity.LeadChange;
import io.leadgate.scoring.ScoreStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores on Redis: a read of the lead, its score hash and the step's event ids (pipelined), and
 * {@code apply_score_change.lua} writing a decided change compare-and-set on the lead's shard;
 * {@code index_lead.lua} on the site's index tag.
 */
final class RedisScoreStore implements ScoreStore {
  static final LuaScript WRITE = LuaScript.load("apply_score_change");
  static final LuaScript INDEX = LuaScript.load("index_lead");
  private static final int LOG_READ = 50;
  private final RedisClient redis;
  private final RedisOutboxReader outbox;

  RedisScoreStore(RedisClient redis, RedisOutboxReader outbox) {
    this.outbox = outbox;
    this.redis = redis;
  }

  @Override
  public Future<ScoreSnapshot> read(String leadId, Collection<String> eventIds) {
    Future<Response> lead = redis.queue("score_read", Request.cmd(Command.HGETALL).arg(RedisKeys.lead(leadId)));
    Future<Response> score = redis.queue("score_read", Request.cmd(Command.HGETALL).arg(RedisKeys.leadScore(leadId)));
    List<String> asked = List.copyOf(eventIds);
    Future<Response> scored = Future.succeededFuture();
    if (!asked.isEmpty()) {
      Request zmscore = Request.cmd(Command.ZMSCORE).arg(RedisKeys.leadScored(leadId));
      asked.forEach(zmscore::arg);
      scored = redis.queue("score_read", zmscore);
    }
    Future<Response> seen = scored;
    return Future.all(lead, score, seen).map(done -> {
      Map<String, String> hash = RedisVisitorStore.toMap(lead.result());
      if (hash.isEmpty()) {
        return ScoreSnapshot.noLead();
      }
      Set<String> known = new HashSet<>();
      if (seen.result() != null) {
        for (int i = 0; i < asked.size(); i++) {
          if (seen.result().get(i) != null) {
            known.add(asked.get(i));
          }
        }
      }
      return new ScoreSnapshot(Lead.fromHash(hash), hash.getOrDefault("fields", ""),
          ScoreHash.state(RedisVisitorStore.toMap(score.result()), null), known);
    });
  }

  @Override
  public Future<Boolean> write(ScoreChange change) {
    String leadId = change.leadId();
    List<String> keys = List.of(RedisKeys.lead(leadId), RedisKeys.leadStages(leadId), RedisKeys.outboxOf(leadId),
        RedisKeys.leadScore(leadId), RedisKeys.leadScored(leadId), RedisKeys.leadPoints(leadId));
    JsonArray ids = new JsonArray();
    change.scoredIds().forEach((id, at) -> ids.add(Long.toString(at)).add(id));
    JsonArray points = new JsonArray();
    change.points().forEach(p -> points.add(ScoreHash.pointsEntry(p)));
    JsonArray lead = new JsonArray();
    JsonArray leadUnset = new JsonArray();
    JsonArray stages = new JsonArray();
    JsonArray events = new JsonArray();
    for (LeadChange c : change.leadChanges()) {
      if (c.stageEntry() != null) {
        stages.add(c.stageEntry().toJson().encode());
      }
      DomainEvent e = c.event();
      events.add(new JsonArray(List.of(e.id(), e.type(), e.site(), e.leadId(), Long.toString(e.seq()),
          Long.toString(e.at()), e.data().encode())));
    }
    if (!change.leadChanges().isEmpty()) {
      LeadChange last = change.leadChanges().get(change.leadChanges().size() - 1);
      last.after().toHash().forEach((field, value) -> lead.add(field).add(value));
      lead.add("seq").add(Long.toString(change.seq()));
      last.clearedFields().forEach(leadUnset::add);
    }
    JsonObject json = new JsonObject()
        .put("score", new JsonArray(new ArrayList<>(ScoreHash.fields(change.state()))))
        .put("unset", new JsonArray(new ArrayList<>(ScoreHash.cleared(change.state()))))
        .put("ids", ids).put("points", points).put("lead", lead).put("leadUnset", leadUnset).put("stages", stages)
        .put("events", events);
    List<String> args = List.of(Long.toString(change.expectedSeq()), Long.toString(change.expectedVersion()),
        Integer.toString(KEPT_EVENT_IDS), Integer.toString(KEPT_LOG), json.encode());
    return redis.queueEval("apply_score_change", WRITE, keys, args)
        .andThen(done -> {
          if (done.succeeded() && !events.isEmpty()) {
            outbox.written(leadId);
          }
        })
        .map(reply -> reply.toInteger() == 1);
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
        .map(replies -> ScoreHash.state(RedisVisitorStore.toMap(replies.get(0)), replies.get(1)));
  }

  @Override
  public Future<Boolean> ceilingsIndexed(String site) {
    return redis.send("lead_index", Request.cmd(Command.EXISTS).arg(RedisKeys.leadIndexCeilings(site)))
        .map(reply -> reply.toInteger() == 1);
  }

  @Override
  public Future<Void> markCeilingsIndexed(String site) {
    return redis.send("lead_index", Request.cmd(Command.SET).arg(RedisKeys.leadIndexCeilings(site)).arg("1"))
        .mapEmpty();
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

  @Override
  public Future<Void> erase(String leadId) {
    return redis.send("score_erase", Request.cmd(Command.DEL).arg(RedisKeys.leadScore(leadId))
        .arg(RedisKeys.leadScored(leadId)).arg(RedisKeys.leadPoints(leadId))).mapEmpty();
  }

  @Override
  public Future<Void> unindex(String site, String leadId) {
    List<Request> removes = new ArrayList<>();
    removes.add(Request.cmd(Command.HDEL).arg(RedisKeys.leadIndex(site)).arg(leadId));
    java.util.List<String> stages = new ArrayList<>();
    stages.add(null);
    for (Stage stage : Stage.values()) {
      stages.add(stage.label());
    }
    for (String stage : stages) {
      for (String order : List.of("score", "recent")) {
        removes.add(Request.cmd(Command.ZREM).arg(RedisKeys.leadIndexOrder(site, stage, order)).arg(leadId));
      }
    }
    return redis.batch("lead_unindex", removes).mapEmpty();
  }
}
