package io.leadgate.scoring;

import io.leadgate.config.Check;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code scoring.accounts} section: how an account (the leads of one company) is scored. The account's behaviour
 * is the sum, or the sum of the top {@code top}, of its leads' behaviour scores, decayed as a lead's are
 * ({@link Decay}, the site's half-life); fit rules test the account's own fields ({@code size}, {@code industry},
 * {@code country}, ...); a buying group earns {@code perPerson} for each engaged lead (up to {@code maxPeople}) and
 * each role rule's points once when one of the engaged leads' fields matches it. Thresholds move the account to
 * {@code engaged} and {@code qualified} (MQA). The policy that applies these is {@code accounts.AccountScore}.
 *
 * @param behaviour  {@code sum} (default) or {@code top}
 * @param top        how many leads count with {@code behaviour: top} (default 3)
 * @param fit        tests on the account's fields (field tests only), points not decayed
 * @param perPerson  points per engaged lead (default 5)
 * @param maxPeople  engaged leads that earn {@code perPerson} at most (default 5)
 * @param engagedAt  a lead's behaviour score from which it counts as engaged (default 1)
 * @param roles      buying-group roles: tests on a lead's fields, each role's points earned once per account
 * @param engaged    account score from which the account is {@code engaged} (default 30)
 * @param qualified  account score from which the account is {@code qualified}, an MQA (default 100)
 */
public record AccountRules(String behaviour, Integer top, List<FitRule> fit, Integer perPerson, Integer maxPeople,
                           Double engagedAt, List<FitRule> roles, Double engaged, Double qualified) {

  public AccountRules {
    behaviour = behaviour == null ? "sum" : behaviour.strip().toLowerCase(Locale.ROOT);
    Check.that(behaviour.equals("sum") || behaviour.equals("top"), "behaviour",
        "must be one of sum, top (was \"" + behaviour + "\")");
    top = top == null ? 3 : top;
    Check.range(top, 1, 1000, "top");
    fit = fit == null ? List.of() : List.copyOf(fit);
    roles = roles == null ? List.of() : List.copyOf(roles);
    checkFieldTests(fit, "fit");
    checkFieldTests(roles, "roles");
    perPerson = perPerson == null ? 5 : perPerson;
    Check.range(perPerson, 0, 1000, "perPerson");
    maxPeople = maxPeople == null ? 5 : maxPeople;
    Check.range(maxPeople, 0, 1000, "maxPeople");
    engagedAt = engagedAt == null ? 1.0 : engagedAt;
    Check.that(!engagedAt.isNaN() && engagedAt > 0, "engagedAt", "must be above 0 (was " + engagedAt + ")");
    engaged = engaged == null ? 30.0 : engaged;
    qualified = qualified == null ? 100.0 : qualified;
    Check.that(!engaged.isNaN() && engaged > 0, "engaged", "must be above 0 (was " + engaged + ")");
    Check.that(!qualified.isNaN() && qualified >= engaged, "qualified",
        "must be at least engaged (" + engaged + ") (was " + qualified + ")");
  }

  public static AccountRules defaults() {
    return new AccountRules(null, null, null, null, null, null, null, null, null);
  }

  /** The number of leads whose behaviour counts: all with {@code sum}. */
  public int counted() {
    return behaviour.equals("top") ? top : Integer.MAX_VALUE;
  }

  /** A fit or role rule that matched: its id, points and why ({@code industry "Software" has "software"}). */
  public record Match(String rule, int points, String why) {
  }

  /** The fit rules the account's fields match, in configured order. */
  public List<Match> fitOf(JsonObject accountFields) {
    return matches(fit, accountFields);
  }

  /** The roles a lead's fields match. */
  public List<Match> rolesOf(JsonObject leadFields) {
    return matches(roles, leadFields);
  }

  private static List<Match> matches(List<FitRule> rules, JsonObject fields) {
    List<Match> out = new ArrayList<>();
    for (FitRule rule : rules) {
      Optional<String> why = rule.fieldMatch().test(fields);
      why.ifPresent(w -> out.add(new Match(rule.id(), rule.points(), w)));
    }
    return out;
  }

  private static void checkFieldTests(List<FitRule> rules, String name) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      FitRule rule = rules.get(i);
      Check.that(rule != null, name + "[" + i + "]", "must be a rule");
      Check.that(rule.fieldMatch() != null, name + "[" + i + "].field",
          "accounts test fields (field or fields), not the email");
      Check.that(ids.add(rule.id()), name + "[" + i + "].id", "is used twice (\"" + rule.id() + "\")");
    }
  }
}
