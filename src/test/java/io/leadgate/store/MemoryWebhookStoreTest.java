package io.leadgate.store;

import io.leadgate.store.memory.MemoryStores;
import io.vertx.core.Vertx;
import java.time.Clock;

class MemoryWebhookStoreTest extends WebhookStoreContract {
  @Override
  Stores open(Vertx vertx) {
    return new MemoryStores(vertx, Clock.systemUTC(), 2);
  }
}
