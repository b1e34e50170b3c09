package io.leadgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.Stores;
import io.leadgate.memory.MemoryStores;
import io.leadgate.testing.TestClock;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryLeadStoreTest extends LeadStoreContract {
  private Vertx vertx;
  private TestClock clock;
  private MemoryStores stores;

  @BeforeEach
  void create() {
    vertx = Vertx.vertx();
    clock = new TestClock(Instant.ofEpochMilli(NOW));
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

  @Test
  void submission_afterItsTtl_isForgotten() {
    await(leads().recordSubmission(SITE, "sub-00000001", new LeadStore.Submitted("ld_x", "visitor-1"), 60));
    clock.advance(Duration.ofSeconds(61));
    assertEquals(Optional.empty(), await(leads().submission(SITE, "sub-00000001")));
  }

  @Test
  void rateLimitHit_afterTheWindow_startsAgain() {
    await(stores.rateLimits().hit("test", "ip", "a", 60));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(1, await(stores.rateLimits().hit("test", "ip", "a", 60)).count());
  }
}
