package io.leadgate.memory;

import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.forms.RateLimitStore.Window;
import io.vertx.core.Future;

/** Identify attempts as rate-limit windows in this process. */
final class MemoryIdentifyAttempts implements IdentifyAttempts {
  private final MemoryRateLimitStore windows;

  MemoryIdentifyAttempts(MemoryRateLimitStore windows) {
    this.windows = windows;
  }

  @Override
  public Future<Void> forget(String site, String visitorId) {
    return windows.forget("identify", site, visitorId);
  }

  @Override
  public Future<Long> count(String site, String visitorId, long windowSeconds) {
    return windows.hit("identify", site, visitorId, windowSeconds).map(Window::count);
  }
}
