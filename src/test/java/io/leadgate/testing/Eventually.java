package io.leadgate.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls for an outcome that arrives asynchronously (projection runs after the 202), instead of sleeping. */
public final class Eventually {
  private Eventually() {
  }

  public static <T> T until(Supplier<T> probe, java.util.function.Predicate<T> done, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    T value = probe.get();
    while (!done.test(value)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("still not there after " + limit + ": " + value);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      value = probe.get();
    }
    return value;
  }

  public static <T> T until(Supplier<T> probe, java.util.function.Predicate<T> done) {
    return until(probe, done, Duration.ofSeconds(10));
  }
}
