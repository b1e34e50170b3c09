package io.leadgate.scoring;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The scoring policy in force, replaced as a whole on reload: every reader sees the old or the new rules, never a
 * mix. Shared by the projector and the HTTP event loops; the policy itself is immutable.
 */
public final class ScoringRules {
  private final AtomicReference<ScoringPolicy> current;
  private final Predicate<String> freeMailDomain;
  private final Collection<String> siteKeys;
  private final Clock clock;

  /**
   * @param siteKeys the configured sites, which {@code scoring.sites} may name
   * @throws io.leadgate.config.ConfigException when the scoring names a site that is not configured
   */
  public ScoringRules(ScoringConfig config, Collection<String> siteKeys, Predicate<String> freeMailDomain, Clock clock) {
    this.freeMailDomain = freeMailDomain;
    this.siteKeys = java.util.List.copyOf(siteKeys);
    this.clock = clock;
    config.checkSites(this.siteKeys);
    this.current = new AtomicReference<>(ScoringPolicy.compile(config, freeMailDomain, 1, clock.millis()));
  }

  public ScoringPolicy current() {
    return current.get();
  }

  /**
   * Puts new rules in force.
   *
   * @throws io.leadgate.config.ConfigException when they name an unknown site (the old rules stay)
   */
  public ScoringPolicy replace(ScoringConfig config) {
    try {
      config.checkSites(siteKeys);
    } catch (io.leadgate.config.ConfigException e) {
      throw e.locate(null, "scoring");
    }
    return current.updateAndGet(old -> ScoringPolicy.compile(config, freeMailDomain, old.version() + 1, clock.millis()));
  }
}
