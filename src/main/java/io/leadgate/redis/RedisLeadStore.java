package io.leadgate.redis;

import io.leadgate.collect.ErasedVisitors;
import io.leadgate.identity.Lead;
import io.leadgate.identity.StageEntry;
import io.leadgate.core.DomainEvent;
import io.leadgate.identity.LeadChange;
import io.leadgate.identity.LeadStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Leads on Redis: a hash, a stage list and a visitor set per lead under its shard's hash tag, changed by Lua. */
final class RedisLeadStore implements LeadStore {
  static final LuaScript APPLY = LuaScript.load("apply_lead_change");
  static final LuaScript LINK = LuaScript.load("link_visitor", "visitor_profile");
  private final RedisClient redis;
  private final AofBarrier barrier;
  private final RedisOutboxReader outbox;

  RedisLeadStore(RedisClient redis, AofBarrier barrier, RedisOutboxReader outbox) {
    this.outbox = outbox;
    this.redis = redis;
    this.barrier = barrier;
  }

  @Override
  public Future<String> claimEmail(String site, String emailKey, String candidateId) {
    String key = RedisKeys.email(site, emailKey);
    // SET NX GET (Redis 7.0+): one round trip that either claims the email or names its owner
    return barrier.replicated("claim_email", Request.cmd(Command.SET).arg(key).arg(candidateId).arg("NX").arg("GET"))
        .map(owner -> owner == null ? candidateId : owner.toString())
        .recover(e -> String.valueOf(e.getMessage()).contains("syntax")
            ? redis.send("claim_email", Request.cmd(Command.SET).arg(key).arg(candidateId).arg("NX"))
                .compose(set -> set != null ? Future.succeededFuture(candidateId)
                    : redis.send("claim_email", Request.cmd(Command.GET).arg(key)).map(Response::toString))
            : Future.failedFuture(e));
  }

  @Override
  public Future<Optional<String>> leadIdByEmail(String site, String emailKey) {
    return redis.send("lead_by_email", Request.cmd(Command.GET).arg(RedisKeys.email(site, emailKey)))
        .map(id -> Optional.ofNullable(id).map(Response::toString));
  }

  @Override
  public Future<LeadIdPage> leadIds(String site, String cursor, int count) {
    return redis.scan("scan_emails", cursor, RedisKeys.email(site, "*"), count)
        .compose(page -> {
          String next = page.next();
          List<String> keys = page.keys();
          // one GET per key: the email keys cross slots, so no MGET on a Cluster
          List<Future<Response>> reads = keys.stream()
              .map(key -> redis.send("lead_by_email", Request.cmd(Command.GET).arg(key))).toList();
          Future<List<String>> ids = Future.all(reads).map(done -> reads.stream().map(Future::result)
              .filter(java.util.Objects::nonNull).map(Response::toString).toList());
          return ids.map(found -> new LeadIdPage(found, next));
        });
  }

  @Override
  public Future<Optional<Lead>> lead(String leadId) {
    return redis.send("lead", Request.cmd(Command.HGETALL).arg(RedisKeys.lead(leadId))).map(reply -> {
      Map<String, String> hash = RedisVisitorStore.toMap(reply);
      return hash.isEmpty() ? Optional.empty() : Optional.of(Lead.fromHash(hash));
    });
  }

  @Override
  public Future<LeadChange.Applied> apply(LeadChange change) {
    String leadId = change.after().id();
    String submission = change.submissionId() == null ? "" : change.submissionId();
    List<String> keys = List.of(RedisKeys.lead(leadId), RedisKeys.leadStages(leadId), RedisKeys.leadVisitors(leadId),
        RedisKeys.outboxOf(leadId), RedisKeys.leadSubmission(leadId, submission.isEmpty() ? "-" : submission));
    DomainEvent event = change.event();
    List<String> args = new ArrayList<>(List.of(Long.toString(change.expectedSeq()), submission,
        orEmpty(change.submittedBy()), Long.toString(Math.max(1, change.submissionTtlSeconds())),
        change.stageEntry() == null ? "" : change.stageEntry().toJson().encode(), orEmpty(change.visitorMember()),
        event.id(), event.type(), event.site(), event.leadId(), Long.toString(event.at()), event.data().encode()));
    Map<String, String> hash = change.after().toHash();
    args.add(Integer.toString(hash.size()));
    hash.forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    args.addAll(change.clearedFields());
    return barrier.eval("apply_lead_change", APPLY, keys, args).andThen(done -> outbox.written(leadId)).map(reply -> {
      LeadChange.Outcome outcome = switch (reply.get(0).toString()) {
        case "ok" -> LeadChange.Outcome.APPLIED;
        case "dup" -> LeadChange.Outcome.DUPLICATE;
        default -> LeadChange.Outcome.CONFLICT;
      };
      return new LeadChange.Applied(outcome, reply.get(1).toLong(), reply.get(2).toString());
    });
  }

  @Override
  public Future<Void> linkVisitor(String leadId, String site, String visitorId, Lift lift) {
    Future<Response> member = redis.send("lead_visitor", Request.cmd(Command.SADD)
        .arg(RedisKeys.leadVisitors(leadId)).arg(site + ":" + visitorId));
    Future<Response> link = redis.eval("link_visitor", LINK, linkKeys(site, visitorId),
        List.of(leadId, "form", "0", lift.tombstone(), lift.tombstone() + ErasedVisitors.LIFTED,
            Long.toString(lift.at()), Long.toString(lift.leadCreatedAt())));
    return Future.all(member, link).mapEmpty();
  }

  @Override
  public Future<Boolean> linkIdentifiedVisitor(String leadId, String site, String visitorId) {
    // the visitor first (its shard decides), then the lead's set: a crash in between is healed by the retry
    return redis.eval("link_visitor", LINK, linkKeys(site, visitorId), List.of(leadId, "identify", "1", "", "", "0", "0"))
        .compose(linked -> linked.toInteger() == 0 ? Future.succeededFuture(false)
            : redis.send("lead_visitor", Request.cmd(Command.SADD).arg(RedisKeys.leadVisitors(leadId))
                .arg(site + ":" + visitorId)).map(true));
  }

  /** The visitor's keys and its shard's tombstones: one hash tag, so one slot on a Cluster. */
  private static List<String> linkKeys(String site, String visitorId) {
    return List.of(RedisKeys.visitor(site, visitorId), RedisKeys.visitorTimeline(site, visitorId),
        RedisKeys.visitorSeen(site, visitorId), RedisKeys.erasedVisitors(RedisKeys.shard(site, visitorId)));
  }

  @Override
  public Future<List<String>> visitors(String leadId) {
    return redis.send("lead_visitors", Request.cmd(Command.SMEMBERS).arg(RedisKeys.leadVisitors(leadId)))
        .map(reply -> {
          List<String> members = new ArrayList<>();
          reply.forEach(m -> members.add(m.toString()));
          members.sort(null);
          return members;
        });
  }

  @Override
  public Future<List<StageEntry>> stages(String leadId) {
    return redis.send("lead_stages", Request.cmd(Command.LRANGE).arg(RedisKeys.leadStages(leadId)).arg(0).arg(-1))
        .map(reply -> {
          List<StageEntry> entries = new ArrayList<>();
          reply.forEach(e -> entries.add(StageEntry.fromJson(new JsonObject(e.toString()))));
          return entries;
        });
  }

  @Override
  public Future<Void> recordSubmission(String site, String submissionId, Submitted submitted, long ttlSeconds) {
    return barrier.durably("record_submission", Request.cmd(Command.SET).arg(RedisKeys.formSubmission(site, submissionId))
        .arg(submitted.leadId() + " " + submitted.visitorId()).arg("EX").arg(Math.max(1, ttlSeconds)));
  }

  @Override
  public Future<Optional<Submitted>> submission(String site, String submissionId) {
    return redis.send("submission", Request.cmd(Command.GET).arg(RedisKeys.formSubmission(site, submissionId)))
        .map(value -> {
          if (value == null) {
            return Optional.empty();
          }
          String[] parts = value.toString().split(" ", 2);
          return parts.length == 2 ? Optional.of(new Submitted(parts[0], parts[1])) : Optional.empty();
        });
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static final LuaScript DEL_IF_EQUAL = LuaScript.load("del_if_equal");

  @Override
  public Future<Void> releaseEmail(String site, String emailKey, String leadId) {
    return redis.eval("release_email", DEL_IF_EQUAL, List.of(RedisKeys.email(site, emailKey)), List.of(leadId))
        .mapEmpty();
  }

  @Override
  public Future<Void> erase(String leadId) {
    return redis.send("lead_erase", Request.cmd(Command.DEL).arg(RedisKeys.lead(leadId))
        .arg(RedisKeys.leadStages(leadId)).arg(RedisKeys.leadVisitors(leadId))).mapEmpty();
  }
}
