package io.leadgate.webhooks;

import io.leadgate.config.Check;
import io.leadgate.config.Durations;
import java.time.Duration;

/**
 * How every gateway instance delivers webhooks ({@code webhookDelivery:}; every setting has a default).
 *
 * @param claimAfter        a delivery (or outbox entry) taken by an instance that then went silent for this long is
 *                          taken over by another instance (the visibility time-out; default 60s)
 * @param pollInterval      how often retries that have come due are put back in line, and the smallest step of the
 *                          retry schedule that is honoured precisely (default 1s)
 * @param jitter            the fraction by which a retry delay is randomly shortened or lengthened (default 0.2)
 * @param breakerThreshold  unhealthy answers in a row that open an endpoint's circuit (default 5)
 * @param breakerCooldown   how long an open circuit waits before a probe (default 10s; doubles per failed probe)
 * @param breakerMaxCooldown the longest wait between probes (default 5m)
 * @param logMax            attempts kept in each endpoint's delivery log (default 1000)
 * @param leadLogMax        attempts kept in each lead's delivery log (default 100)
 * @param logTtl            delivery logs expire this long after their last entry (default 7d)
 * @param deadMax           dead letters kept per endpoint and virtual shard; the oldest go first (default 10000)
 * @param messageRetention  how long every fanned-out event is kept for replay by id (default 3d; 0s: only dead letters)
 */
public record DeliveryConfig(String claimAfter, String pollInterval, Double jitter, Integer breakerThreshold,
                             String breakerCooldown, String breakerMaxCooldown, Integer logMax, Integer leadLogMax,
                             String logTtl, Integer deadMax, String messageRetention) {

  public DeliveryConfig {
    Durations.range(Durations.parse(claimAfter, "claimAfter", Duration.ofSeconds(60)), Duration.ofSeconds(1),
        Duration.ofHours(1), "claimAfter");
    Durations.range(Durations.parse(pollInterval, "pollInterval", Duration.ofSeconds(1)), Duration.ofMillis(10),
        Duration.ofMinutes(1), "pollInterval");
    jitter = jitter == null ? 0.2 : jitter;
    Check.that(jitter >= 0 && jitter <= 1, "jitter", "must be between 0 and 1 (was " + jitter + ")");
    breakerThreshold = breakerThreshold == null ? 5 : breakerThreshold;
    Check.range(breakerThreshold, 1, 1000, "breakerThreshold");
    Duration cooldown = Durations.range(Durations.parse(breakerCooldown, "breakerCooldown", Duration.ofSeconds(10)),
        Duration.ofMillis(10), Duration.ofHours(1), "breakerCooldown");
    Duration maxCooldown = Durations.range(Durations.parse(breakerMaxCooldown, "breakerMaxCooldown",
        Duration.ofMinutes(5)), Duration.ofMillis(10), Duration.ofHours(6), "breakerMaxCooldown");
    Check.that(maxCooldown.compareTo(cooldown) >= 0, "breakerMaxCooldown", "must not be shorter than breakerCooldown");
    logMax = logMax == null ? 1000 : logMax;
    Check.range(logMax, 10, 100_000, "logMax");
    leadLogMax = leadLogMax == null ? 100 : leadLogMax;
    Check.range(leadLogMax, 1, 10_000, "leadLogMax");
    Durations.range(Durations.parse(logTtl, "logTtl", Duration.ofDays(7)), Duration.ofMinutes(1), Duration.ofDays(365),
        "logTtl");
    deadMax = deadMax == null ? 10_000 : deadMax;
    Check.range(deadMax, 1, 1_000_000, "deadMax");
    Durations.range(Durations.parse(messageRetention, "messageRetention", Duration.ofDays(3)), Duration.ZERO,
        Duration.ofDays(90), "messageRetention");
  }

  public static DeliveryConfig defaults() {
    return new DeliveryConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  public Duration claimAfterDuration() {
    return Durations.parse(claimAfter, "claimAfter", Duration.ofSeconds(60));
  }

  public Duration pollIntervalDuration() {
    return Durations.parse(pollInterval, "pollInterval", Duration.ofSeconds(1));
  }

  public Duration breakerCooldownDuration() {
    return Durations.parse(breakerCooldown, "breakerCooldown", Duration.ofSeconds(10));
  }

  public Duration breakerMaxCooldownDuration() {
    return Durations.parse(breakerMaxCooldown, "breakerMaxCooldown", Duration.ofMinutes(5));
  }

  public Duration logTtlDuration() {
    return Durations.parse(logTtl, "logTtl", Duration.ofDays(7));
  }

  public Duration messageRetentionDuration() {
    return Durations.parse(messageRetention, "messageRetention", Duration.ofDays(3));
  }
}
