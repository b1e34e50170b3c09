package io.leadgate.webhooks;

import io.leadgate.Stores;
import io.leadgate.memory.MemoryStores;
import io.vertx.core.Vertx;
import java.time.Clock;

class MemoryWebhookStoreTest extends WebhookStoreContract {
  @Override
  Stores open(Vertx vertx) {
    return Stores.of(new MemoryStores(vertx, Clock.systemUTC(), 2));
  }
}
