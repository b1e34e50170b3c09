package io.leadgate.admin;

import io.leadgate.config.Check;
import io.leadgate.config.Durations;
import java.time.Duration;

/**
 * Console sign-in ({@code console:}; every setting has a default).
 *
 * @param sessionTtl        how long a session lasts after signing in (default 12h)
 * @param signInsPerUser    sign-in attempts allowed per user name in {@code signInWindow} (default 10)
 * @param signInsPerAddress sign-in attempts allowed per client address in {@code signInWindow} (default 30)
 * @param signInWindow      the window those limits count in (default 15m)
 */
public record ConsoleConfig(String sessionTtl, Integer signInsPerUser, Integer signInsPerAddress,
                            String signInWindow) {

  public ConsoleConfig {
    sessionTtl = Durations.format(Durations.range(Durations.parse(sessionTtl, "sessionTtl", Duration.ofHours(12)),
        Duration.ofMinutes(1), Duration.ofDays(30), "sessionTtl"));
    signInsPerUser = signInsPerUser == null ? 10 : signInsPerUser;
    Check.range(signInsPerUser, 1, 10_000, "signInsPerUser");
    signInsPerAddress = signInsPerAddress == null ? 30 : signInsPerAddress;
    Check.range(signInsPerAddress, 1, 100_000, "signInsPerAddress");
    signInWindow = Durations.format(Durations.range(Durations.parse(signInWindow, "signInWindow",
        Duration.ofMinutes(15)), Duration.ofSeconds(1), Duration.ofDays(1), "signInWindow"));
  }

  public static ConsoleConfig defaults() {
    return new ConsoleConfig(null, null, null, null);
  }

  public Duration ttl() {
    return Durations.parse(sessionTtl, "sessionTtl", null);
  }

  public Duration window() {
    return Durations.parse(signInWindow, "signInWindow", null);
  }
}
