package io.leadgate.accounts;

import io.leadgate.Stores;
import io.leadgate.memory.MemoryStores;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class AccountStoreOnMemoryTest extends AccountStoreContract {
  private Vertx vertx;
  private MemoryStores stores;

  @BeforeEach
  void create() {
    vertx = Vertx.vertx();
    stores = new MemoryStores(vertx, clock, 2);
  }

  @AfterEach
  void close() {
    vertx.close();
  }

  @Override
  protected Stores stores() {
    return Stores.of(stores);
  }

  @Override
  protected Stores otherInstance() {
    return Stores.of(stores);
  }
}
