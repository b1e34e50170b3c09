package io.leadgate.scoring;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The scoring in force: one compiled model per site (sites without their own use the default), and when it was
 * loaded. Immutable; {@link ScoringRules} swaps it on reload.
 *
 * @param accounts how accounts are scored ({@code scoring.accounts}), on every site
 * @param version increases with every successful (re)load
 */
public record ScoringPolicy(SiteScoring defaults, Map<String, SiteScoring> sites, AccountRules accounts, long version,
                            long loadedAt) {

  public static ScoringPolicy compile(ScoringConfig config, Predicate<String> freeMailDomain, long version,
                                      long loadedAt) {
    Map<String, SiteScoring> sites = new HashMap<>();
    config.sites().forEach((key, model) -> sites.put(key, new SiteScoring(model, freeMailDomain)));
    return new ScoringPolicy(new SiteScoring(config.model(), freeMailDomain), Map.copyOf(sites), config.accounts(),
        version, loadedAt);
  }

  public SiteScoring site(String key) {
    return sites.getOrDefault(key, defaults);
  }
}
