package io.leadgate.redis;

import io.leadgate.core.Shards;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Every Redis key the gateway writes, in one place (documented key by key in docs/redis.md).
 *
 * <p>Keys that one script touches share a hash tag so the script also runs on Redis Cluster: a person's keys
 * carry the tag of one of {@value #SHARDS} virtual shards, a site's daily aggregates the tag of the site.
 */
public final class RedisKeys {
  public static final int SHARDS = Shards.COUNT;
  public static final String PROJECTOR_GROUP = "projector";
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  /** The tags of the shards, made once: String.format per key was a sixth of the projector's CPU. */
  private static final String[] SHARD_TAGS = new String[SHARDS];

  static {
    for (int shard = 0; shard < SHARDS; shard++) {
      SHARD_TAGS[shard] = "{s" + String.format("%02d", shard) + "}";
    }
  }

  private RedisKeys() {
  }

  /** The virtual shard of a person (visitor or lead) id: stable across instances and versions. */
  public static int shard(String site, String personId) {
    return Shards.of(site, personId);
  }

  public static String shardTag(int shard) {
    return shard >= 0 && shard < SHARDS ? SHARD_TAGS[shard] : "{s" + String.format("%02d", shard) + "}";
  }

  public static String ingest(int partition) {
    return "lg:{in" + partition + "}:events";
  }

  /** How many events of a partition's stream wait for projection: its entries hold several each. */
  public static String ingestWaiting(int partition) {
    return "lg:{in" + partition + "}:waiting";
  }

  public static String visitor(String site, String visitorId) {
    return "lg:" + shardTag(shard(site, visitorId)) + ":v:" + site + ":" + visitorId;
  }

  public static String visitorTimeline(String site, String visitorId) {
    return "lg:" + shardTag(shard(site, visitorId)) + ":tl:" + site + ":" + visitorId;
  }

  public static String visitorSeen(String site, String visitorId) {
    return "lg:" + shardTag(shard(site, visitorId)) + ":seen:" + site + ":" + visitorId;
  }

  /** The outbox of one shard: domain events of the leads in that shard, in the order they happened. */
  public static String outbox(int shard) {
    return "lg:" + shardTag(shard) + ":outbox";
  }

  /** The virtual shard of a lead: from its id alone, since a lead is looked up by id without its site. */
  public static int leadShard(String leadId) {
    return Shards.ofLead(leadId);
  }

  /** The outbox a lead's changes are written to (same hash tag as the lead's own keys). */
  public static String outboxOf(String leadId) {
    return outbox(leadShard(leadId));
  }

  /** The consumer group on each endpoint's ready lines (webhooks). */
  public static final String WEBHOOK_SEND_GROUP = "send";

  /** An endpoint's ready line in one shard: jobs (heads of lead queues) to send now, read through {@link #WEBHOOK_SEND_GROUP}. */
  public static String webhookReady(String endpoint, int shard) {
    return "lg:" + shardTag(shard) + ":wh:" + endpoint + ":ready";
  }

  /** A lead's queue of events still to be delivered to an endpoint, the one on its way first. */
  public static String webhookLeadQueue(String endpoint, String leadId) {
    return "lg:" + shardTag(leadShard(leadId)) + ":wh:" + endpoint + ":q:" + leadId;
  }

  /** An endpoint's retries in one shard, scored by when they are due. */
  public static String webhookRetry(String endpoint, int shard) {
    return "lg:" + shardTag(shard) + ":wh:" + endpoint + ":retry";
  }

  /** An endpoint's dead letters in one shard: event id → the letter. */
  public static String webhookDead(String endpoint, int shard) {
    return "lg:" + shardTag(shard) + ":wh:" + endpoint + ":dead";
  }

  /** When each dead letter of {@link #webhookDead} died: event id scored by ms since epoch. */
  public static String webhookDeadIndex(String endpoint, int shard) {
    return "lg:" + shardTag(shard) + ":wh:" + endpoint + ":dead:at";
  }

  /** A fanned-out event, kept a while so it can be replayed by id. */
  public static String webhookMessage(int shard, String eventId) {
    return "lg:" + shardTag(shard) + ":wh:msg:" + eventId;
  }

  /** The endpoints a lead's events were ever queued for (set), read when the lead is erased. */
  public static String webhookReceivers(String leadId) {
    return webhookReceivers(leadShard(leadId), leadId);
  }

  /** {@link #webhookReceivers(String)} in a given shard (a fan-out of an unreadable entry names a placeholder there). */
  public static String webhookReceivers(int shard, String leadId) {
    return "lg:" + shardTag(shard) + ":wh:to:" + leadId;
  }

  /** Tombstones of erased visitors in one shard: keyed hashes scored by when they were erased. */
  public static String erasedVisitors(int shard) {
    return "lg:" + shardTag(shard) + ":erased";
  }

  /** The key of the privacy hashes (tombstones, {@code lead.erased}), generated by the first instance. */
  public static String privacyKey() {
    return "lg:{pv}:key";
  }

  /** An erasure's document (progress, completion time). */
  public static String erasure(String id) {
    return "lg:{pv}:erasure:" + id;
  }

  /** Unfinished erasures, by when they were asked for. */
  public static String erasuresOpen() {
    return "lg:{pv}:erasures:open";
  }

  /** A lease on a privacy job (an erasure, a site's retention sweep): the owner instance, with a TTL. */
  public static String privacyLease(String name) {
    return "lg:{pv}:lease:" + name;
  }

  /** Email tombstones: keyed hashes of erased emails, scored by when. */
  public static String emailTombstones() {
    return "lg:{pv}:tombstones";
  }

  /** The audit log: who read or erased personal data. */
  public static String audit() {
    return "lg:{audit}:log";
  }

  /** A lead's delivery log, over every endpoint. */
  public static String webhookLeadLog(String leadId) {
    return "lg:" + shardTag(leadShard(leadId)) + ":wh:log:" + leadId;
  }

  /** An endpoint's state (disabled, failing since), shared by every instance. */
  public static String webhookState(String endpoint) {
    return "lg:{wh:" + endpoint + "}:state";
  }

  /** An endpoint's delivery log. */
  public static String webhookLog(String endpoint) {
    return "lg:{wh:" + endpoint + "}:log";
  }

  /**
   * Names of per-shard streams that got work ({@code kind} outbox or ready), for readers on a Redis Cluster: capped,
   * one slot (see {@code ShardHints}).
   */
  public static String hints(String kind) {
    return "lg:{hints}:" + kind;
  }

  /** The shard count the store was written with ({@code ShardLayout}): one small string, no TTL. */
  public static String layout() {
    return "lg:layout";
  }

  /** Operational events ({@code endpoint.disabled}...), capped. */
  public static String opsEvents() {
    return "lg:{ops}:events";
  }

  /** A daily aggregate: {@code kind} is one of pv, uv, dl, src, ev. */
  public static String daily(String site, LocalDate day, String kind) {
    return "lg:{d:" + site + "}:" + DAY.format(day) + ":" + kind;
  }

  private static String leadPrefix(String leadId) {
    return "lg:" + shardTag(leadShard(leadId)) + ":lead:" + leadId;
  }

  /** A lead's hash: id, site, email, stage, created_at, updated_at, seq, fields, consents, first_touch... */
  public static String lead(String leadId) {
    return leadPrefix(leadId);
  }

  /** A lead's stage history (list of JSON entries, oldest first). */
  public static String leadStages(String leadId) {
    return leadPrefix(leadId) + ":stages";
  }

  /** A lead's visitors (set of {@code site:visitorId}). */
  public static String leadVisitors(String leadId) {
    return leadPrefix(leadId) + ":visitors";
  }

  /** Marks a submission applied to the lead (value: its visitor id), for as long as a retry may come. */
  public static String leadSubmission(String leadId, String submissionId) {
    return leadPrefix(leadId) + ":sub:" + submissionId;
  }

  /** The email index: the lead id that owns a normalised email on a site. Claimed with SET NX; crosses shards. */
  public static String email(String site, String emailKey) {
    return "lg:email:" + site + ":" + emailKey;
  }

  /** A completed form submission ({@code leadId visitorId}), for answering its retries. */
  public static String formSubmission(String site, String submissionId) {
    return "lg:fsub:" + site + ":" + submissionId;
  }

  /** A rate-limit window counter; {@code subject} is a keyed hash of the IP address or email, never the value. */
  /** A site's leads by the time they were made (their first form): the funnel's index. */
  public static String funnelMade(String site) {
    return "lg:{fn:" + site + "}:made";
  }

  /** The salt cookieless visitors of a UTC day are hashed with; it expires 48 hours after it was made. */
  public static String salt(java.time.LocalDate day) {
    return "lg:salt:" + day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
  }

  /** A console sign-in session, by the SHA-256 of its cookie value (the value itself is never stored). */
  public static String session(String digest) {
    return "lg:session:" + digest;
  }

  public static String rateLimit(String scope, String subject) {
    return "lg:rl:" + scope + ":" + subject;
  }

  /** A lead's scoring state: rule totals, fit, BANT, version (see docs/scoring.md). */
  public static String leadScore(String leadId) {
    return leadPrefix(leadId) + ":score";
  }

  /** The ids of the lead's recently scored events (zset, score = event time), for de-duplication. */
  public static String leadScored(String leadId) {
    return leadPrefix(leadId) + ":scored";
  }

  /** The lead's newest points entries (list of JSON, newest first), for score explanations. */
  public static String leadPoints(String leadId) {
    return leadPrefix(leadId) + ":points";
  }

  /** A site's lead index: lead id → {@code version|stage} of the newest entry written. */
  public static String leadIndex(String site) {
    return "lg:{ix:" + site + "}:leads";
  }

  /**
   * A site's leads ordered by {@code order} ({@code score} or {@code recent}), all of them ({@code stage} null) or
   * those in one stage.
   */
  public static String leadIndexOrder(String site, String stage, String order) {
    return leadIndex(site) + (stage == null ? "" : ":" + stage) + ":" + order;
  }

  /** Set (to {@code 1}) once the site's score index holds each lead's ceiling, not its score as of its last change. */
  public static String leadIndexCeilings(String site) {
    return leadIndex(site) + ":ceilings";
  }

  /** A site's search words: {@code word\0leadId} members, all score 0, read by prefix with {@code ZRANGEBYLEX}. */
  public static String searchWords(String site) {
    return "lg:{q:" + site + "}:words";
  }

  /** What each lead of a site is in {@link #searchWords} under: lead id → {@code seq|word\nword...}. */
  public static String searchIndexed(String site) {
    return "lg:{q:" + site + "}:indexed";
  }

  /** A site's leads at one email domain: lead ids, all score 0, paged with {@code ZRANGEBYLEX}. */
  public static String searchDomain(String site, String domain) {
    return "lg:{q:" + site + "}:dom:" + domain;
  }

  /** Set (to 1) once every lead of the site made before the search indexes existed was indexed. */
  public static String searchBackfilled(String site) {
    return "lg:{q:" + site + "}:backfilled";
  }

  /** An account (hash: {@code ver}, {@code state} JSON) on the shard of its reference {@code site/domain}. */
  public static String account(String site, String domain) {
    return "lg:" + shardTag(Shards.ofLead(site + "/" + domain)) + ":acct:" + site + ":" + domain;
  }

  /** An account's history (list of JSON, newest first, capped). */
  public static String accountHistory(String site, String domain) {
    return account(site, domain) + ":hist";
  }

  /** A site's accounts: domain → version of the newest order entry written. */
  public static String accountIndex(String site) {
    return "lg:{ax:" + site + "}:accounts";
  }

  /** A site's accounts ordered by {@code score} or {@code recent} (activity). */
  public static String accountOrder(String site, String order) {
    return accountIndex(site) + ":" + order;
  }

  /** A site's leads → the account each was last put in. */
  public static String accountOfLead(String site) {
    return accountIndex(site) + ":leads";
  }
}
