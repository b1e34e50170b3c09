package io.leadgate.testing;

import io.leadgate.core.DomainEvent;
import io.leadgate.Stores;
import io.leadgate.core.Shards;
import io.leadgate.memory.MemoryStores;
import io.leadgate.memory.MemoryStream;
import io.leadgate.redis.RedisKeys;
import io.leadgate.redis.RedisStores;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a lead's outbox entries from either store, for assertions (test threads only: it blocks). */
public final class Outboxes {
  private Outboxes() {
  }

  public static List<DomainEvent> of(Stores stores, String leadId) {
    List<DomainEvent> all = new ArrayList<>();
    if (stores.backend() instanceof MemoryStores memory) {
      MemoryStream<DomainEvent> stream = memory.outbox().shard(Shards.ofLead(leadId));
      stream.deliver("test-reader", Integer.MAX_VALUE, 0);
      stream.pendingOf("test-reader", Integer.MAX_VALUE).forEach(e -> all.add(e.value()));
    } else {
      Response entries;
      try {
        entries = ((RedisStores) stores.backend()).client().send("test", Request.cmd(Command.XRANGE)
            .arg(RedisKeys.outboxOf(leadId)).arg("-").arg("+")).await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      for (Response entry : entries) {
        Response flat = entry.get(1);
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
          fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        all.add(DomainEvent.fromFields(fields));
      }
    }
    return all.stream().filter(e -> e.leadId().equals(leadId)).toList();
  }
}
