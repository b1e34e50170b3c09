package io.leadgate;

import io.leadgate.memory.MemoryStores;
import io.leadgate.testing.TestClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;

class PrivacyStoreOnMemoryTest extends PrivacyStoreContract {
  final Vertx vertx = Vertx.vertx();
  final MemoryStores stores = new MemoryStores(vertx, new TestClock(), 2);

  @Override
  Stores stores() {
    return Stores.of(stores);
  }

  @AfterEach
  void close() {
    vertx.close();
  }
}
