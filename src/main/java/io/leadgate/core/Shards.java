package io.leadgate.core;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The virtual shards that people (visitors, leads) are spread over. A rule of the data, not of Redis: the outbox,
 * the webhook queues and their order per lead are kept per shard on every backend, and Redis puts each shard in one
 * hash slot ({@code redis.RedisKeys.shardTag}). Stable across instances and versions: changing it moves every key.
 */
public final class Shards {
  public static final int COUNT = 64;

  private Shards() {
  }

  /** The shard of a person (visitor or lead) id within a site. */
  public static int of(String site, String personId) {
    CRC32 crc = new CRC32();
    crc.update(site.getBytes(StandardCharsets.UTF_8));
    crc.update('/');
    crc.update(personId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % COUNT);
  }

  /** The shard of a lead: from its id alone, since a lead is looked up by id without its site. */
  public static int ofLead(String leadId) {
    CRC32 crc = new CRC32();
    crc.update(leadId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % COUNT);
  }
}
