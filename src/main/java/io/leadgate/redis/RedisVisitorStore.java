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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

final class RedisVisitorStore implements VisitorStore {
  static final LuaScript READ = LuaScript.load("visitor_state", "visitor_profile");
  static final LuaScript WRITE = LuaScript.load("apply_visitor_events");
  /**
   * Reads and writes of one call at most: a write finds a visitor changed only when another writer (a form linking
   * the visitor to its lead, an erasure, another instance's projector taking over a silent one's events) wrote it in
   * between. The next read waits a random few milliseconds, longer each time: two writers that keep meeting would
   * otherwise meet again, and the one that lost would lose again.
   */
  static final int ATTEMPTS = 16;
  /**
   * Events per call at most: a bounded call keeps the reply of its read and the script of its write short, and the
   * intake's writes wait behind them on Redis's one thread.
   */
  static final int EVENTS_PER_CALL = 16;
  /**
   * Calls in flight at once, each on shards of its own. One at a time, a batch's two round trips per call added up
   * to a projection slower than the intake it had to keep up with on a busy machine; with four, the intake's writes
   * waited behind more of them (p99 at 4,640 page views a second, projection keeping up: 4.6 ms with two, 5.0-5.5
   * with four, 5.8-6.1 with eight; docs/benchmarks.md).
   */
  static final int LANES = 2;
  private final RedisClient redis;

  RedisVisitorStore(RedisClient redis) {
    this.redis = redis;
  }

  /**
   * Calls of up to {@link #EVENTS_PER_CALL} events in {@link #LANES} lanes at a time, a shard's calls one after the
   * other in its lane (a later one sees what the earlier wrote). On a cluster a call holds the events of one key
   * shard: a script's keys must share a slot. On one server (or a Sentinel's master) it holds those of any shard of
   * its lane: at a steady rate a round holds about one event per visitor, and calls of one shard were calls of one
   * event, each two round trips and two scripts (3,650 page views a second: 3.6-4.3 times fewer script calls, 14-16%
   * less CPU per event in the gateway and in Redis; docs/benchmarks.md). A call reads its visitors
   * ({@code visitor_state.lua}), decides here what the events change ({@link StoredVisitor}) and writes that
   * ({@code apply_visitor_events.lua}) if none of them changed since: else it reads them again.
   */
  @Override
  public Future<List<Recorded>> record(List<Recording> events) {
    // calls that run one after the other: a shard's on a cluster, a lane's on one server
    Map<Integer, List<VisitorCall>> byQueue = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i).event();
      int shard = RedisKeys.shard(event.site(), event.visitor());
      List<VisitorCall> calls = byQueue.computeIfAbsent(redis.cluster() ? shard : shard % LANES,
          s -> new ArrayList<>());
      if (calls.isEmpty() || calls.get(calls.size() - 1).events.size() == EVENTS_PER_CALL) {
        calls.add(new VisitorCall());
      }
      calls.get(calls.size() - 1).add(i, events.get(i));
    }
    Recorded[] recorded = new Recorded[events.size()];
    List<Future<Void>> lanes = new ArrayList<>();
    List<List<VisitorCall>> queues = new ArrayList<>(byQueue.values());
    for (int lane = 0; lane < Math.min(LANES, queues.size()); lane++) {
      Future<Void> done = Future.succeededFuture();
      for (int queue = lane; queue < queues.size(); queue += LANES) {
        for (VisitorCall call : queues.get(queue)) {
          done = done.compose(v -> project(call, recorded, 1));
        }
      }
      lanes.add(done);
    }
    return Future.all(lanes).map(v -> Arrays.asList(recorded));
  }

  private Future<Void> project(VisitorCall call, Recorded[] recorded, int attempt) {
    return redis.eval("visitor_state", READ, call.keys, List.of(Integer.toString(StoredVisitor.RECENT)))
        .map(call::decide)
        .compose(decision -> decision.keys.isEmpty() ? Future.succeededFuture(decision)
            : redis.eval("apply_visitor_events", WRITE, decision.keys, decision.args)
                .map(reply -> reply.toInteger() == 1 ? decision : null))
        .compose(decision -> {
          if (decision != null) {
            for (int e = 0; e < decision.outcomes.length; e++) {
              recorded[call.events.get(e).position] = decision.outcomes[e];
            }
            return Future.succeededFuture();
          }
          if (attempt == ATTEMPTS) {
            return Future.failedFuture(new IllegalStateException(
                "visitors kept changing while their events were projected, " + ATTEMPTS + " times"));
          }
          long pause = 1 + ThreadLocalRandom.current().nextLong(2L * attempt);
          return redis.vertx().timer(pause).compose(t -> project(call, recorded, attempt + 1));
        });
  }

  /** What a call's events make of its visitors as read: each event's outcome, and the write that records them. */
  private record Decision(Recorded[] outcomes, List<String> keys, List<String> args) {
  }

  private static List<String> strings(Response array) {
    List<String> strings = new ArrayList<>(array.size());
    array.forEach(element -> strings.add(element.toString()));
    return strings;
  }

  /** One event of a call, in the forms it is stored in (made once, whatever the attempts). */
  private record CallEvent(int position, int visitor, Recording recording, String storedId, String entry,
                           String touch) {
    Recorded applyTo(StoredVisitor stored) {
      Event event = recording.event();
      if (!stored.fresh(storedId, event.id())) {
        return new Recorded(false, false, stored.lead());
      }
      VisitorRecord record = recording.record();
      boolean newSession = stored.record(event.receivedAt(), recording.retention().sessionGapMs(), event.url(),
          entry, touch, ProfileCodec.counter(record.counter()), event.ip() == null ? "" : event.ip(),
          record.direct());
      return new Recorded(true, newSession, stored.lead());
    }
  }

  /** One call's visitors (their keys, as {@code visitor_state.lua} takes them) and events. */
  private static final class VisitorCall {
    final List<String> keys = new ArrayList<>();
    final List<Retention> retentions = new ArrayList<>();
    final List<CallEvent> events = new ArrayList<>();
    final Map<String, Integer> visitors = new HashMap<>();

    /** Applies the events to their visitors as {@code visitor_state.lua} read them. */
    Decision decide(Response read) {
      List<StoredVisitor> visitors = new ArrayList<>(read.size());
      for (Response visitor : read) {
        visitors.add(new StoredVisitor(visitor.get(0).toLong(), visitor.get(1).toString(),
            strings(visitor.get(2)), strings(visitor.get(3))));
      }
      Recorded[] outcomes = new Recorded[events.size()];
      for (int e = 0; e < outcomes.length; e++) {
        outcomes[e] = events.get(e).applyTo(visitors.get(events.get(e).visitor));
      }
      List<String> lists = new ArrayList<>();
      List<String> args = new ArrayList<>();
      for (int v = 0; v < visitors.size(); v++) {
        if (visitors.get(v).changed()) {
          lists.add(keys.get(3 * v + 1));
          visitors.get(v).writes(retentions.get(v).ttlSeconds(), retentions.get(v).timelineMax(), args);
        }
      }
      return new Decision(outcomes, lists, args);
    }

    void add(int position, Recording recording) {
      Event event = recording.event();
      int visitor = visitors.computeIfAbsent(event.site() + "/" + event.visitor(), k -> {
        keys.add(RedisKeys.visitor(event.site(), event.visitor()));
        keys.add(RedisKeys.visitorTimeline(event.site(), event.visitor()));
        keys.add(RedisKeys.visitorSeen(event.site(), event.visitor()));
        retentions.add(recording.retention());
        return retentions.size() - 1;
      });
      events.add(new CallEvent(position, visitor, recording, TimelineCodec.storedId(event.id()),
          TimelineCodec.encode(event), ProfileCodec.touch(recording.record().touch())));
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
