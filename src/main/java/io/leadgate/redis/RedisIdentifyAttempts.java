package io.leadgate.redis;

import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.forms.RateLimitStore.Window;
import io.vertx.core.Future;

/** Identify attempts as rate-limit windows ({@code lg:rl:identify:SITE:VISITOR}, INCR + EXPIRE NX). */
final class RedisIdentifyAttempts implements IdentifyAttempts {
  private final RedisRateLimitStore windows;

  RedisIdentifyAttempts(RedisRateLimitStore windows) {
    this.windows = windows;
  }

  @Override
  public Future<Long> count(String site, String visitorId, long windowSeconds) {
    // lg:rl:identify:SITE:VISITOR
    return windows.hit("identify", site, visitorId, windowSeconds).map(Window::count);
  }

  @Override
  public Future<Void> forget(String site, String visitorId) {
    return windows.forget("identify", site, visitorId);
  }
}
