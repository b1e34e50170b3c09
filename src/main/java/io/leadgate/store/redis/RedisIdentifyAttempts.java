package io.leadgate.store.redis;

import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.store.RateLimitStore.Window;
import io.vertx.core.Future;

/** Identify attempts as rate-limit windows ({@code lg:rl:identify:SITE:VISITOR}, INCR + EXPIRE NX). */
final class RedisIdentifyAttempts implements IdentifyAttempts {
  private final RedisRateLimitStore windows;

  RedisIdentifyAttempts(RedisRateLimitStore windows) {
    this.windows = windows;
  }

  @Override
  public Future<Long> count(String site, String visitorId, long windowSeconds) {
    return windows.hit(RedisKeys.rateLimit("identify:" + site, visitorId), windowSeconds).map(Window::count);
  }
}
