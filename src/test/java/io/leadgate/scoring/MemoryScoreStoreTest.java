package io.leadgate.scoring;

import io.leadgate.Stores;
import io.leadgate.memory.MemoryStores;
import io.leadgate.testing.TestClock;
import io.vertx.core.Vertx;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class MemoryScoreStoreTest extends ScoreStoreContract {
  private Vertx vertx;
  private MemoryStores stores;

  @BeforeEach
  void create() {
    vertx = Vertx.vertx();
    stores = new MemoryStores(vertx, new TestClock(Instant.ofEpochMilli(T0)), 2);
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
