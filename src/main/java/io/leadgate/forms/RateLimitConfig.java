package io.leadgate.forms;

import io.leadgate.config.Check;

/**
 * How many submissions of one form a client may make per window; past it, {@code 429} with {@code Retry-After}
 * (a person behind a busy office address can try again; nothing is stored).
 *
 * @param perIp         submissions per IP address and window (0: no limit)
 * @param perEmail      submissions per email address and window (0: no limit)
 * @param windowMinutes the window
 */
public record RateLimitConfig(Integer perIp, Integer perEmail, Integer windowMinutes) {
  public RateLimitConfig {
    perIp = perIp == null ? 20 : perIp;
    perEmail = perEmail == null ? 5 : perEmail;
    windowMinutes = windowMinutes == null ? 60 : windowMinutes;
    Check.range(perIp, 0, 1_000_000, "perIp");
    Check.range(perEmail, 0, 1_000_000, "perEmail");
    Check.range(windowMinutes, 1, 24 * 60, "windowMinutes");
  }

  public static RateLimitConfig defaults() {
    return new RateLimitConfig(null, null, null);
  }
}
