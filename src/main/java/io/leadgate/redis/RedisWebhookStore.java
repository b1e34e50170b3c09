package io.leadgate.redis;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.LeadErasure;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.leadgate.webhooks.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook deliveries on Redis. Every key a script touches carries the lead's shard tag, so each step (fan-out,
 * settling an attempt, promoting retries, replaying) is one atomic script, also on Redis Cluster. The keys and
 * their life cycle are listed in docs/webhooks.md.
 */
final class RedisWebhookStore implements WebhookStore {
  static final LuaScript FANOUT = LuaScript.load("wh_fanout", "wh_dead_letter");
  static final LuaScript COMPLETE = LuaScript.load("wh_complete", "wh_dead_letter");
  static final LuaScript PROMOTE = LuaScript.load("wh_promote");
  static final LuaScript REPLAY = LuaScript.load("wh_replay");
  static final List<LuaScript> SCRIPTS = List.of(FANOUT, COMPLETE, PROMOTE, REPLAY, RedisOutboxReader.TIDY);

  private final RedisClient redis;
  private final RedisOutboxReader outbox;
  /** ready line key → where it belongs, for every endpoint seen by {@link #prepare}. */
  private final Map<String, Line> lines = new ConcurrentHashMap<>();
  /** On a cluster: which ready lines got jobs (see {@link ShardHints}). */
  private final ShardHints hints;

  private record Line(String endpoint, int shard) {
  }

  RedisWebhookStore(RedisClient redis, RedisOutboxReader outbox) {
    this.redis = redis;
    this.outbox = outbox;
    this.hints = new ShardHints(redis, RedisKeys.hints("ready"));
  }

  /** After jobs may have been added to a ready line: wakes the senders on a cluster. */
  private void added(String endpoint, int shard) {
    if (redis.cluster()) {
      hints.hint(RedisKeys.webhookReady(endpoint, shard));
    }
  }

  @Override
  public Future<Void> prepare(List<String> endpoints) {
    List<Future<Void>> creates = new ArrayList<>();
    creates.add(outbox.createGroups(FANOUT_GROUP));
    for (String endpoint : endpoints) {
      for (int s = 0; s < RedisKeys.SHARDS; s++) {
        String key = RedisKeys.webhookReady(endpoint, s);
        lines.put(key, new Line(endpoint, s));
        creates.add(RedisScripts.createGroup(redis, key, RedisKeys.WEBHOOK_SEND_GROUP));
      }
    }
    return Future.all(creates).compose(v -> redis.loadScripts(SCRIPTS));
  }

  @Override
  public Future<FanOut> fanOut(OutboxEntry entry, List<String> live, List<String> disabled, FanOutOptions options) {
    DomainEvent event = entry.event();
    String json = event == null ? "" : EventCodec.encode(event);
    String lead = event == null ? "" : event.leadId();
    String eventId = event == null ? "" : event.id();
    List<String> keys = new ArrayList<>();
    keys.add(RedisKeys.outbox(entry.shard()));
    keys.add(RedisKeys.webhookMessage(entry.shard(), eventId));
    keys.add(RedisKeys.webhookReceivers(entry.shard(), event == null ? "-" : lead));
    if (event != null) {
      for (String endpoint : live) {
        keys.add(RedisKeys.webhookLeadQueue(endpoint, lead));
        keys.add(RedisKeys.webhookReady(endpoint, entry.shard()));
      }
      for (String endpoint : disabled) {
        keys.add(RedisKeys.webhookDead(endpoint, entry.shard()));
        keys.add(RedisKeys.webhookDeadIndex(endpoint, entry.shard()));
      }
    }
    String deadLetter = event == null || disabled.isEmpty() ? "" : WebhookRecords.deadJson(new DeadLetter(null, event, 0, 0,
        options.disabledReason(), options.nowMs()));
    List<String> args = new ArrayList<>(List.of(FANOUT_GROUP, entry.entryId(), eventId, lead, json,
        Integer.toString(event == null ? 0 : live.size()), Integer.toString(event == null ? 0 : disabled.size()),
        Long.toString(options.retainMs()), Long.toString(options.nowMs()), Long.toString(options.deadMax()), deadLetter,
        event == null || LeadErasure.TYPE.equals(event.type()) ? "0" : "1"));
    args.addAll(live);
    return redis.eval("wh_fanout", FANOUT, keys, args).andThen(done -> live.forEach(e -> added(e, entry.shard())))
        .map(reply -> switch (reply.toInteger()) {
      case 1 -> FanOut.DONE;
      case 0 -> FanOut.ALREADY_DONE;
      default -> FanOut.WAIT;
    });
  }

  @Override
  public Future<List<Job>> take(String consumer, List<String> endpoints, long waitMs) {
    List<String> keys = new ArrayList<>();
    for (String endpoint : endpoints) {
      for (int s = 0; s < RedisKeys.SHARDS; s++) {
        keys.add(RedisKeys.webhookReady(endpoint, s));
      }
    }
    if (keys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (redis.cluster()) {
      return sweep(consumer, endpoints, keys, waitMs);
    }
    Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(RedisKeys.WEBHOOK_SEND_GROUP).arg(consumer)
        .arg("COUNT").arg(1);
    if (waitMs > 0) {
      read.arg("BLOCK").arg(waitMs);
    }
    read.arg("STREAMS");
    keys.forEach(read::arg);
    keys.forEach(k -> read.arg(">"));
    return redis.sendBlocking("webhook_take", read, Math.max(0, waitMs))
        .map(this::jobs)
        .recover(e -> EventCodec.isNoGroup(e) ? prepare(endpoints).map(List.of()) : Future.failedFuture(e));
  }

  /**
   * On a cluster the ready lines are in different hash slots: one read per line, only of the lines hinted to have
   * jobs (see {@link ShardHints}), so an idle sender waits on one blocked call. One job per read, like the blocking
   * read's {@code COUNT 1} per line.
   */
  private Future<List<Job>> sweep(String consumer, List<String> endpoints, List<String> keys, long waitMs) {
    return hints.next(keys, waitMs).compose(streams -> {
      List<Request> reads = new ArrayList<>();
      for (String key : streams) {
        if (keys.contains(key)) {
          reads.add(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(RedisKeys.WEBHOOK_SEND_GROUP).arg(consumer)
              .arg("COUNT").arg(1).arg("STREAMS").arg(key).arg(">"));
        }
      }
      return redis.batch("webhook_take", reads);
    }).map(replies -> {
      List<Job> jobs = new ArrayList<>();
      for (Response reply : replies) {
        List<Job> read = jobs(reply);
        read.forEach(job -> hints.carry(RedisKeys.webhookReady(job.endpoint(), job.shard())));
        jobs.addAll(read);
      }
      return jobs;
    }).recover(e -> EventCodec.isNoGroup(e) ? prepare(endpoints).map(List.of()) : Future.failedFuture(e));
  }

  private List<Job> jobs(Response reply) {
    List<Job> jobs = new ArrayList<>();
    if (reply != null) {
      for (Response stream : reply) {
        Line line = lines.get(stream.get(0).toString());
        WebhookRecords.addJobs(line.endpoint(), line.shard(), stream.get(1), jobs);
      }
    }
    return jobs;
  }

  @Override
  public Future<List<Job>> claimStale(String consumer, String endpoint, long minIdleMs, int maxPerShard) {
    List<Request> claims = new ArrayList<>();
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      claims.add(Request.cmd(Command.XAUTOCLAIM).arg(RedisKeys.webhookReady(endpoint, s))
          .arg(RedisKeys.WEBHOOK_SEND_GROUP).arg(consumer).arg(minIdleMs).arg("0-0").arg("COUNT").arg(maxPerShard));
    }
    return redis.batch("webhook_claim", claims)
        .map(replies -> {
          List<Job> jobs = new ArrayList<>();
          for (int s = 0; s < replies.size(); s++) {
            Response reply = replies.get(s);
            if (reply != null && reply.size() >= 2) {
              WebhookRecords.addJobs(endpoint, s, reply.get(1), jobs);
            }
          }
          return jobs;
        })
        .recover(e -> EventCodec.isNoGroup(e) ? prepare(List.of(endpoint)).map(List.of()) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> renew(String consumer, List<Job> held) {
    Map<String, Request> claims = new LinkedHashMap<>();
    for (Job job : held) {
      String key = RedisKeys.webhookReady(job.endpoint(), job.shard());
      claims.computeIfAbsent(key, k -> Request.cmd(Command.XCLAIM).arg(k).arg(RedisKeys.WEBHOOK_SEND_GROUP)
          .arg(consumer).arg(0)).arg(job.entryId());
    }
    claims.values().forEach(claim -> claim.arg("JUSTID"));
    return redis.batch("webhook_renew", new ArrayList<>(claims.values())).mapEmpty();
  }

  @Override
  public Future<Settled> complete(Job job, Completion completion, long deadMax) {
    String endpoint = job.endpoint();
    int shard = job.shard();
    List<String> keys = List.of(RedisKeys.webhookReady(endpoint, shard),
        RedisKeys.webhookLeadQueue(endpoint, job.leadId()), RedisKeys.webhookRetry(endpoint, shard),
        RedisKeys.webhookDead(endpoint, shard), RedisKeys.webhookDeadIndex(endpoint, shard));
    String kind = switch (completion.kind()) {
      case DELIVERED -> "delivered";
      case RETRY -> "retry";
      case DEAD -> "dead";
    };
    long when = completion.kind() == Completion.Kind.DEAD ? completion.dead().deadAtMs() : completion.dueAtMs();
    List<String> args = List.of(RedisKeys.WEBHOOK_SEND_GROUP, job.entryId(), job.eventId(), kind, job.leadId(),
        Long.toString(when), Integer.toString(completion.nextAttempt()),
        completion.dead() == null ? "" : WebhookRecords.deadJson(completion.dead()), Long.toString(deadMax));
    return redis.eval("wh_complete", COMPLETE, keys, args).andThen(done -> added(endpoint, shard))
        .map(reply -> "stale".equals(reply.toString()) ? Settled.STALE : Settled.DONE);
  }

  @Override
  public Future<Integer> promoteDue(String endpoint, long nowMs, int max) {
    List<RedisScripts.Call> promotes = new ArrayList<>();
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      promotes.add(new RedisScripts.Call(List.of(RedisKeys.webhookRetry(endpoint, s),
          RedisKeys.webhookReady(endpoint, s)), List.of(Long.toString(nowMs), Integer.toString(max))));
    }
    return RedisScripts.batch(redis, "webhook_promote", PROMOTE, promotes)
        .map(replies -> {
          int promoted = 0;
          for (int s = 0; s < replies.size(); s++) {
            if (replies.get(s).toInteger() > 0) {
              added(endpoint, s);
              promoted += replies.get(s).toInteger();
            }
          }
          return promoted;
        });
  }

  @Override
  public Future<List<DeadLetter>> deadLetters(String endpoint, long sinceMs, int max) {
    List<Request> ranges = new ArrayList<>();
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      ranges.add(Request.cmd(Command.ZRANGEBYSCORE).arg(RedisKeys.webhookDeadIndex(endpoint, s)).arg(sinceMs)
          .arg("+inf").arg("LIMIT").arg(0).arg(max));
    }
    return redis.batch("webhook_dead_index", ranges).compose(replies -> {
      List<Request> reads = new ArrayList<>();
      for (int s = 0; s < replies.size(); s++) {
        Response ids = replies.get(s);
        if (ids != null && ids.size() > 0) {
          Request read = Request.cmd(Command.HMGET).arg(RedisKeys.webhookDead(endpoint, s));
          ids.forEach(id -> read.arg(id.toString()));
          reads.add(read);
        }
      }
      return redis.batch("webhook_dead_read", reads);
    }).map(replies -> {
      List<DeadLetter> letters = new ArrayList<>();
      for (Response reply : replies) {
        for (Response letter : reply) {
          if (letter != null) {
            letters.add(WebhookRecords.parseDead(endpoint, letter.toString()));
          }
        }
      }
      letters.sort(Comparator.comparingLong(DeadLetter::deadAtMs));
      return letters.size() > max ? letters.subList(0, max) : letters;
    });
  }

  @Override
  public Future<Boolean> replay(String endpoint, String eventId) {
    List<Request> finds = new ArrayList<>();
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      finds.add(Request.cmd(Command.HGET).arg(RedisKeys.webhookDead(endpoint, s)).arg(eventId));
      finds.add(Request.cmd(Command.GET).arg(RedisKeys.webhookMessage(s, eventId)));
    }
    return redis.batch("webhook_find", finds).compose(replies -> {
      for (int i = 0; i < replies.size(); i++) {
        Response found = replies.get(i);
        if (found != null) {
          String lead = i % 2 == 0 ? WebhookRecords.parseDead(endpoint, found.toString()).event().leadId()
              : EventCodec.decode(found.toString()).leadId();
          return requeue(endpoint, eventId, lead, "any");
        }
      }
      return Future.succeededFuture(false);
    });
  }

  @Override
  public Future<Integer> replayDead(String endpoint, long sinceMs, int max) {
    return deadLetters(endpoint, sinceMs, max).compose(letters -> {
      Future<Integer> count = Future.succeededFuture(0);
      for (DeadLetter letter : letters) {
        count = count.compose(n -> requeue(endpoint, letter.event().id(), letter.event().leadId(), "dead")
            .map(queued -> queued ? n + 1 : n));
      }
      return count;
    });
  }

  private Future<Boolean> requeue(String endpoint, String eventId, String leadId, String mode) {
    int shard = RedisKeys.leadShard(leadId);
    List<String> keys = List.of(RedisKeys.webhookDead(endpoint, shard), RedisKeys.webhookDeadIndex(endpoint, shard),
        RedisKeys.webhookMessage(shard, eventId), RedisKeys.webhookLeadQueue(endpoint, leadId),
        RedisKeys.webhookReady(endpoint, shard));
    return redis.eval("wh_replay", REPLAY, keys, List.of(eventId, leadId, mode)).andThen(done -> added(endpoint, shard))
        .map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Queued> queued(String endpoint) {
    List<Request> counts = new ArrayList<>();
    for (int s = 0; s < RedisKeys.SHARDS; s++) {
      counts.add(Request.cmd(Command.XLEN).arg(RedisKeys.webhookReady(endpoint, s)));
      counts.add(Request.cmd(Command.ZCARD).arg(RedisKeys.webhookRetry(endpoint, s)));
    }
    return redis.batch("webhook_queued", counts).map(replies -> {
      long ready = 0;
      long retrying = 0;
      for (int i = 0; i < replies.size(); i++) {
        if (i % 2 == 0) {
          ready += replies.get(i).toLong();
        } else {
          retrying += replies.get(i).toLong();
        }
      }
      return new Queued(ready, retrying);
    });
  }

  @Override
  public Future<EndpointState> state(String endpoint) {
    return redis.send("webhook_state", Request.cmd(Command.HGETALL).arg(RedisKeys.webhookState(endpoint)))
        .map(reply -> {
          Map<String, String> hash = EventCodec.fields(reply);
          return new EndpointState(hash.get("disabledReason"), parseLong(hash.get("disabledAt")),
              parseLong(hash.get("failingSince")));
        });
  }

  @Override
  public Future<Long> markFailing(String endpoint, long nowMs) {
    String key = RedisKeys.webhookState(endpoint);
    return redis.batch("webhook_failing", List.of(
            Request.cmd(Command.HSETNX).arg(key).arg("failingSince").arg(nowMs),
            Request.cmd(Command.HGET).arg(key).arg("failingSince")))
        .map(replies -> parseLong(replies.get(1) == null ? null : replies.get(1).toString()));
  }

  @Override
  public Future<Void> markHealthy(String endpoint) {
    return redis.send("webhook_healthy", Request.cmd(Command.HDEL).arg(RedisKeys.webhookState(endpoint))
        .arg("failingSince")).mapEmpty();
  }

  @Override
  public Future<Void> disable(String endpoint, String reason, long nowMs) {
    return redis.send("webhook_disable", Request.cmd(Command.HSET).arg(RedisKeys.webhookState(endpoint))
        .arg("disabledReason").arg(reason).arg("disabledAt").arg(nowMs)).mapEmpty();
  }

  @Override
  public Future<Void> enable(String endpoint) {
    return redis.send("webhook_enable", Request.cmd(Command.HDEL).arg(RedisKeys.webhookState(endpoint))
        .arg("disabledReason").arg("disabledAt").arg("failingSince")).mapEmpty();
  }

  @Override
  public Future<Void> recordOpsEvent(JsonObject event) {
    return redis.send("ops_event", Request.cmd(Command.XADD).arg(RedisKeys.opsEvents()).arg("MAXLEN").arg("~")
        .arg(OPS_EVENTS_MAX).arg("*").arg("event").arg(event.encode())).mapEmpty();
  }

  @Override
  public Future<List<JsonObject>> opsEvents(int max) {
    return redis.send("ops_events", Request.cmd(Command.XREVRANGE).arg(RedisKeys.opsEvents()).arg("+").arg("-")
        .arg("COUNT").arg(max)).map(reply -> {
          List<JsonObject> events = new ArrayList<>();
          for (Response entry : reply) {
            String json = EventCodec.fields(entry.get(1)).get("event");
            if (json != null) {
              events.add(new JsonObject(json));
            }
          }
          return events;
        });
  }

  private static long parseLong(String text) {
    return text == null ? 0 : Long.parseLong(text);
  }
}
