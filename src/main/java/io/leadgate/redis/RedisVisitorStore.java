package io.leadgate.redis;

import io.leadgate.core.Event;
import io.leadgate.identity.Visitor;
import io.leadgate.identity.VisitorHash;
import io.leadgate.identity.VisitorStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RedisVisitorStore implements VisitorStore {
  static final LuaScript RECORD = LuaScript.load("record_visitor_events", "visitor_profile");
  private final RedisClient redis;

  RedisVisitorStore(RedisClient redis) {
    this.redis = redis;
  }

  /**
   * Events per script call at most. Redis runs a script to its end while every other client waits, the intake's
   * log writes included; a bounded call keeps that wait to about a millisecond.
   */
  static final int EVENTS_PER_CALL = 16;

  /**
   * One script call per key shard and up to {@link #EVENTS_PER_CALL} events, one call at a time, so that the
   * intake's writes get their turn in between: projection may lag, intake may not wait behind it.
   */
  @Override
  public Future<List<Recorded>> record(List<Recording> events) {
    List<ShardCall> calls = new ArrayList<>();
    Map<Integer, ShardCall> open = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i).event();
      int shard = RedisKeys.shard(event.site(), event.visitor());
      ShardCall call = open.get(shard);
      if (call == null || call.positions.size() == EVENTS_PER_CALL) {
        // a shard's later events go in a later call: the calls run in the order they were opened
        call = new ShardCall();
        calls.add(call);
        open.put(shard, call);
      }
      call.add(i, events.get(i));
    }
    Recorded[] recorded = new Recorded[events.size()];
    Future<Void> done = Future.succeededFuture();
    for (ShardCall call : calls) {
      done = done.compose(v -> redis.eval("record_visitors", RECORD, call.keys, call.args()).map(reply -> {
        for (int e = 0; e < call.positions.size(); e++) {
          String lead = reply.get(3 * e + 2).toString();
          recorded[call.positions.get(e)] = new Recorded(reply.get(3 * e).toInteger() == 1,
              reply.get(3 * e + 1).toInteger() == 1, lead.isEmpty() ? null : lead);
        }
        return null;
      }));
    }
    return done.map(v -> Arrays.asList(recorded));
  }

  /** The arguments of one {@code record_visitor_events.lua} call: its visitors' keys and retention, its events. */
  private static final class ShardCall {
    final List<String> keys = new ArrayList<>();
    final List<String> visitorArgs = new ArrayList<>();
    final List<String> eventArgs = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();
    final Map<String, Integer> visitors = new HashMap<>();

    void add(int position, Recording recording) {
      Event event = recording.event();
      VisitorRecord record = recording.record();
      Integer visitor = visitors.computeIfAbsent(event.site() + "/" + event.visitor(), k -> {
        keys.add(RedisKeys.visitor(event.site(), event.visitor()));
        keys.add(RedisKeys.visitorTimeline(event.site(), event.visitor()));
        keys.add(RedisKeys.visitorSeen(event.site(), event.visitor()));
        Retention retention = recording.retention();
        visitorArgs.add(Long.toString(retention.ttlSeconds()));
        visitorArgs.add(Integer.toString(retention.timelineMax()));
        visitorArgs.add(Long.toString(retention.sessionGapMs()));
        return visitors.size() + 1;
      });
      positions.add(position);
      eventArgs.addAll(List.of(visitor.toString(), TimelineCodec.storedId(event.id()),
          Long.toString(event.receivedAt()), ProfileCodec.counter(record.counter()), event.url(),
          TimelineCodec.encode(event), event.ip() == null ? "" : event.ip(), ProfileCodec.touch(record.touch()),
          record.direct() ? "1" : "0", event.id()));
    }

    List<String> args() {
      List<String> args = new ArrayList<>(visitorArgs.size() + eventArgs.size());
      args.addAll(visitorArgs);
      args.addAll(eventArgs);
      return args;
    }
  }

  /** The profile at the end of the visitor's list, or the hash of a visitor no script has written since the build before. */
  @Override
  public Future<Optional<Visitor>> visitor(String site, String visitorId) {
    return redis.send("lindex", Request.cmd(Command.LINDEX).arg(RedisKeys.visitorTimeline(site, visitorId)).arg(-1))
        .compose(tail -> {
          if (tail != null && tail.toString().startsWith(String.valueOf(TimelineCodec.PROFILE))) {
            return Future.succeededFuture(ProfileCodec.decode(tail.toString()));
          }
          return redis.send("hgetall", Request.cmd(Command.HGETALL).arg(RedisKeys.visitor(site, visitorId)))
              .map(RedisVisitorStore::toMap);
        })
        .map(hash -> hash.isEmpty() ? Optional.empty() : Optional.of(VisitorHash.toVisitor(site, visitorId, hash)));
  }

  @Override
  public Future<List<JsonObject>> timeline(String site, String visitorId, int max) {
    return redis.send("lrange", Request.cmd(Command.LRANGE).arg(RedisKeys.visitorTimeline(site, visitorId))
            .arg(0).arg(max)) // one more: the profile, which the visitor's first entry may refer to
        .map(reply -> {
          List<String> elements = new ArrayList<>(reply.size());
          reply.forEach(element -> elements.add(element.toString()));
          return TimelineCodec.decode(elements, max);
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

  @Override
  public Future<Void> erase(String site, String visitorId) {
    return redis.send("visitor_erase", Request.cmd(Command.DEL).arg(RedisKeys.visitor(site, visitorId))
        .arg(RedisKeys.visitorTimeline(site, visitorId)).arg(RedisKeys.visitorSeen(site, visitorId))).mapEmpty();
  }
}
