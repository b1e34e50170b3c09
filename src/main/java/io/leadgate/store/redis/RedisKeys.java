package io.leadgate.store.redis;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.zip.CRC32;

/**
 * Every Redis key the gateway writes, in one place (documented key by key in docs/redis.md).
 *
 * <p>Keys that one script touches share a hash tag so the script also runs on Redis Cluster: a person's keys
 * carry the tag of one of {@value #SHARDS} virtual shards, a site's daily aggregates the tag of the site.
 */
public final class RedisKeys {
  public static final int SHARDS = 16;
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
    CRC32 crc = new CRC32();
    crc.update(site.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    crc.update('/');
    crc.update(personId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return (int) (crc.getValue() % SHARDS);
  }

  public static String shardTag(int shard) {
    return shard >= 0 && shard < SHARDS ? SHARD_TAGS[shard] : "{s" + String.format("%02d", shard) + "}";
  }

  public static String ingest(int partition) {
    return "lg:{in" + partition + "}:events";
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
    CRC32 crc = new CRC32();
    crc.update(leadId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return (int) (crc.getValue() % SHARDS);
  }

  /** The outbox a lead's changes are written to (same hash tag as the lead's own keys). */
  public static String outboxOf(String leadId) {
    return outbox(leadShard(leadId));
  }

  /** A daily aggregate: {@code kind} is one of pv, uv, dl, src, ev. */
  public static String daily(String site, LocalDate day, String kind) {
    return "lg:{d:" + site + "}:" + DAY.format(day) + ":" + kind;
  }
}
