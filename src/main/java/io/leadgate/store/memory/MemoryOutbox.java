package io.leadgate.store.memory;

import io.leadgate.store.DomainEvent;
import io.leadgate.store.Outbox;
import io.leadgate.store.redis.RedisKeys;
import io.vertx.core.Future;

/** The outbox in this process: one {@link MemoryStream} per virtual shard, as Redis has one stream per shard. */
public final class MemoryOutbox implements Outbox {
  private final MemoryStream<DomainEvent>[] shards = MemoryStream.array(RedisKeys.SHARDS);

  @Override
  public Future<String> append(DomainEvent event) {
    return Future.succeededFuture(shard(RedisKeys.leadShard(event.leadId())).append(event));
  }

  public MemoryStream<DomainEvent> shard(int shard) {
    return shards[shard];
  }
}
