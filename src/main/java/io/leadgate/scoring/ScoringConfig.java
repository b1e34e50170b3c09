package io.leadgate.scoring;

import io.leadgate.config.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code scoring:} section: the model every site uses (see {@link ScoringModel} for its settings), per-site
 * replacements, and how often the configuration file is checked for changes. Reloadable: a changed file (or
 * {@code POST /api/scoring/reload}) replaces the rules without a restart, and a bad one is refused, the old rules
 * staying in force.
 *
 * @param sites        site key → a complete model that replaces the default for that site
 * @param accounts     how accounts (a company's leads together) are scored: {@link AccountRules}
 * @param watchSeconds how often the configuration file's modification time is checked (default 10; 0: never,
 *                     reload through the API only)
 */
public record ScoringConfig(Double halfLifeDays, MqlConfig mql, BantConfig bant, List<BehaviourRule> rules,
                            List<FitRule> fit, String notifyOn, DownloadsConfig downloads,
                            Map<String, ScoringModel> sites, Integer watchSeconds, AccountRules accounts) {

  public ScoringConfig {
    sites = sites == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sites));
    watchSeconds = watchSeconds == null ? 10 : watchSeconds;
    accounts = accounts == null ? AccountRules.defaults() : accounts;
    Check.range(watchSeconds, 0, 86_400, "watchSeconds");
    sites.forEach((key, model) -> Check.that(model != null, "sites." + key, "must be a scoring model"));
    // validates the default model's settings here, where their names are the ones an operator wrote
    new ScoringModel(halfLifeDays, mql, bant, rules, fit, notifyOn, downloads);
  }

  public static ScoringConfig defaults() {
    return new ScoringConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** The model of sites without their own. */
  public ScoringModel model() {
    return new ScoringModel(halfLifeDays, mql, bant, rules, fit, notifyOn, downloads);
  }

  /** The model the site uses. */
  public ScoringModel modelOf(String site) {
    ScoringModel own = sites.get(site);
    return own != null ? own : model();
  }

  /** Every site named under {@code sites} must be a configured site. */
  public void checkSites(java.util.Collection<String> siteKeys) {
    for (String key : sites.keySet()) {
      Check.that(siteKeys.contains(key), "sites." + key, "is not the key of a configured site (sites: " + siteKeys + ")");
    }
  }
}
