package io.leadgate.redis;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.Outbox;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/** The outbox on Redis: {@code XADD} to the lead's shard stream, with the fields {@link DomainEvent#FIELDS}. */
public final class RedisOutbox implements Outbox {
  private final RedisClient redis;
  private final RedisOutboxReader reader;

  RedisOutbox(RedisClient redis, RedisOutboxReader reader) {
    this.redis = redis;
    this.reader = reader;
  }

  @Override
  public Future<String> append(DomainEvent event) {
    Request add = Request.cmd(Command.XADD).arg(RedisKeys.outboxOf(event.leadId())).arg("*")
        .arg("id").arg(event.id()).arg("type").arg(event.type()).arg("site").arg(event.site())
        .arg("lead").arg(event.leadId()).arg("seq").arg(event.seq()).arg("at").arg(event.at())
        .arg("data").arg(event.data().encode());
    return redis.send("outbox_append", add)
        .andThen(done -> reader.written(event.leadId()))
        .map(Object::toString);
  }
}
