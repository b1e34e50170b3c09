package io.leadgate.store.redis;

import io.leadgate.collect.Event;
import io.leadgate.identity.Visitor;
import io.leadgate.identity.VisitorHash;
import io.leadgate.store.VisitorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RedisVisitorStore implements VisitorStore {
  static final LuaScript RECORD = LuaScript.load("record_visitor_event");
  private final RedisClient redis;

  RedisVisitorStore(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Recorded> record(Event event, VisitorRecord record, Retention retention) {
    List<String> keys = List.of(
        RedisKeys.visitor(event.site(), event.visitor()),
        RedisKeys.visitorTimeline(event.site(), event.visitor()),
        RedisKeys.visitorSeen(event.site(), event.visitor()));
    List<String> args = List.of(event.id(), Long.toString(event.receivedAt()), record.counter(), event.url(),
        record.timelineEntry(), Integer.toString(retention.timelineMax()), Long.toString(retention.ttlSeconds()),
        Long.toString(retention.sessionGapMs()), event.ip() == null ? "" : event.ip(), record.touchJson(),
        record.direct() ? "1" : "0");
    return redis.queueEval("record_visitor", RECORD, keys, args).map(reply -> {
      String lead = reply.get(2).toString();
      return new Recorded(reply.get(0).toInteger() == 1, reply.get(1).toInteger() == 1, lead.isEmpty() ? null : lead);
    });
  }

  @Override
  public Future<Optional<Visitor>> visitor(String site, String visitorId) {
    return redis.send("hgetall", Request.cmd(Command.HGETALL).arg(RedisKeys.visitor(site, visitorId)))
        .map(reply -> {
          Map<String, String> hash = toMap(reply);
          return hash.isEmpty() ? Optional.empty() : Optional.of(VisitorHash.toVisitor(site, visitorId, hash));
        });
  }

  @Override
  public Future<List<JsonObject>> timeline(String site, String visitorId, int max) {
    return redis.send("lrange", Request.cmd(Command.LRANGE).arg(RedisKeys.visitorTimeline(site, visitorId))
            .arg(0).arg(max - 1))
        .map(reply -> {
          List<JsonObject> entries = new ArrayList<>(reply.size());
          reply.forEach(entry -> entries.add(new JsonObject(entry.toString())));
          return entries;
        });
  }

  static Map<String, String> toMap(Response flat) {
    Map<String, String> map = new HashMap<>();
    if (flat == null) {
      return map;
    }
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(flat.get(i).toString(), flat.get(i + 1).toString());
    }
    return map;
  }
}
