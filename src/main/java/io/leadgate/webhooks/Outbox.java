package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.vertx.core.Future;

/**
 * The durable outbox of domain events, one stream per virtual shard ({@code RedisKeys.outbox(shard)}).
 * Lead changes on Redis write their events from inside their own Lua scripts, in the same atomic step;
 * {@link #append} is for the in-memory store and for writers that are not atomic with anything else.
 */
public interface Outbox {

  /** Appends the event to its lead's shard stream; completes once stored. Returns the stream entry id. */
  Future<String> append(DomainEvent event);
}
