package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  final TestClock clock = new TestClock();
  final CircuitBreaker breaker = new CircuitBreaker(clock, 3, Duration.ofSeconds(10), Duration.ofSeconds(40));

  @Test
  void closed_allowsFullConcurrency() {
    assertEquals(8, breaker.permits(8));
  }

  @Test
  void thresholdFailuresInARow_opensForTheCooldown() {
    breaker.failed();
    breaker.failed();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    breaker.failed();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(0, breaker.permits(8));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
  }

  @Test
  void successBetweenFailures_resetsTheCount() {
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
  }

  @Test
  void halfOpen_letsOneProbeThrough() {
    open();
    clock.advance(Duration.ofSeconds(10));
    assertEquals(1, breaker.permits(8));
    breaker.started();
    assertEquals(0, breaker.permits(8));
  }

  @Test
  void probeSucceeds_closes() {
    open();
    clock.advance(Duration.ofSeconds(10));
    breaker.started();
    breaker.succeeded();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertEquals(8, breaker.permits(8));
  }

  @Test
  void probeFails_opensForTwiceAsLongUpToTheMaximum() {
    open();
    for (long expected : new long[] {20, 40, 40}) {
      clock.advance(Duration.ofSeconds(100));
      breaker.started();
      breaker.failed();
      assertEquals(clock.millis() + expected * 1000, breaker.openUntil());
    }
  }

  private void open() {
    breaker.failed();
    breaker.failed();
    breaker.failed();
  }
}
