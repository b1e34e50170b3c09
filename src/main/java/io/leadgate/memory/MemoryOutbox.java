package io.leadgate.memory;

import io.leadgate.core.DomainEvent;
import io.leadgate.core.Shards;
import io.leadgate.webhooks.Outbox;
import io.vertx.core.Future;

/** The outbox in this process: one {@link MemoryStream} per virtual shard, as Redis has one stream per shard. */
public final class MemoryOutbox implements Outbox {
  private final MemoryStream<DomainEvent>[] shards = MemoryStream.array(Shards.COUNT);

  @Override
  public Future<String> append(DomainEvent event) {
    return Future.succeededFuture(shard(Shards.ofLead(event.leadId())).append(event));
  }

  public MemoryStream<DomainEvent> shard(int shard) {
    return shards[shard];
  }
}
