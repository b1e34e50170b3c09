package io.leadgate.memory;

import io.leadgate.forms.RateLimitStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Fixed windows in this process (one instance only: on several instances, use Redis). */
final class MemoryRateLimitStore implements RateLimitStore {
  private static final int SWEEP_EVERY = 1024;
  private final Clock clock;
  private final Map<String, long[]> windows = new HashMap<>();
  private int hits;

  MemoryRateLimitStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<Window> hit(String form, String by, String subject, long windowSeconds) {
    String key = form + ":" + by + ":" + subject;
    long now = clock.millis();
    if (++hits % SWEEP_EVERY == 0) {
      sweep(now);
    }
    long[] window = windows.get(key);
    if (window == null || window[1] <= now) {
      window = new long[] {0, now + windowSeconds * 1000};
      windows.put(key, window);
    }
    window[0]++;
    return Future.succeededFuture(new Window(window[0], Math.max(1, (window[1] - now + 999) / 1000)));
  }

  @Override
  public synchronized Future<Void> forget(String form, String by, String subject) {
    windows.remove(form + ":" + by + ":" + subject);
    return Future.succeededFuture();
  }

  private void sweep(long now) {
    for (Iterator<long[]> it = windows.values().iterator(); it.hasNext(); ) {
      if (it.next()[1] <= now) {
        it.remove();
      }
    }
  }
}
