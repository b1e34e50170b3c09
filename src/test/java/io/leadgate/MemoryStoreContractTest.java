package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.EventType;
import io.leadgate.memory.MemoryStores;
import io.leadgate.testing.TestClock;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryStoreContractTest extends StoreContract {
  final Vertx vertx = Vertx.vertx();
  final TestClock clock = new TestClock();
  final MemoryStores stores = new MemoryStores(vertx, clock, 2);

  @Override
  Stores stores() {
    return Stores.of(stores);
  }

  @Override
  void passTime(long millis) {
    clock.advance(Duration.ofMillis(millis));
  }

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void anonymousVisitor_isForgottenAfterItsRetention() {
    record(event("evt-00000001", "visitor-x", EventType.PAGEVIEW, "https://acme.com/", T0));
    clock.advance(Duration.ofSeconds(RETENTION.ttlSeconds() + 1));
    assertTrue(await(stores.visitors().visitor("acme", "visitor-x")).isEmpty());
  }
}
