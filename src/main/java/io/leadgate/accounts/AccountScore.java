package io.leadgate.accounts;

import io.leadgate.scoring.AccountRules;
import io.leadgate.scoring.Decay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's score and where it comes from, at one instant: the leads' behaviour scores decayed as a lead's are
 * ({@link Decay}, the site's half-life), all of them or the top N ({@code scoring.accounts.behaviour}); the fit rules
 * on the account's fields; {@code perPerson} for each engaged lead up to {@code maxPeople}; each role of the buying
 * group once, by the first engaged lead (most engaged first) whose fields match it. Pure.
 *
 * @param leads   every lead with its decayed behaviour and whether it counted, most engaged first
 * @param roles   the roles earned, each with the lead that gave it
 */
public record AccountScore(double total, double behaviour, double fit, double people, double roleScore,
                           List<LeadPart> leads, List<AccountRules.Match> fitMatches, int engaged,
                           List<RolePart> roles) {

  /** What one lead gives: its decayed behaviour, counted or not (beyond the top N), engaged or not. */
  public record LeadPart(String lead, String email, String stage, double behaviour, boolean counted,
                         boolean engaged) {
  }

  /** A buying-group role and the lead that holds it. */
  public record RolePart(String role, int points, String lead, String why) {
  }

  public static AccountScore of(Account account, AccountRules rules, long halfLifeMs, long now) {
    List<LeadPart> leads = new ArrayList<>();
    for (Member m : account.members().values()) {
      double value = Decay.round(Decay.at(m.behaviour(), m.behaviourAt(), now, halfLifeMs));
      leads.add(new LeadPart(m.leadId(), m.email(), m.stage(), value, false, value >= rules.engagedAt()));
    }
    leads.sort(Comparator.comparingDouble(LeadPart::behaviour).reversed().thenComparing(LeadPart::lead));
    int counted = rules.counted();
    double behaviour = 0;
    for (int i = 0; i < leads.size(); i++) {
      LeadPart p = leads.get(i);
      if (i < counted) {
        behaviour += p.behaviour();
        leads.set(i, new LeadPart(p.lead(), p.email(), p.stage(), p.behaviour(), true, p.engaged()));
      }
    }
    List<AccountRules.Match> fit = rules.fitOf(account.fields());
    double fitPoints = fit.stream().mapToInt(AccountRules.Match::points).sum();
    int engaged = (int) leads.stream().filter(LeadPart::engaged).count();
    double people = (double) Math.min(engaged, rules.maxPeople()) * rules.perPerson();
    Map<String, RolePart> roles = new LinkedHashMap<>();
    for (LeadPart p : leads) {
      if (!p.engaged()) {
        continue;
      }
      for (AccountRules.Match role : rules.rolesOf(account.members().get(p.lead()).fields())) {
        roles.putIfAbsent(role.rule(), new RolePart(role.rule(), role.points(), p.lead(), role.why()));
      }
    }
    double rolePoints = roles.values().stream().mapToInt(RolePart::points).sum();
    double total = Decay.round(behaviour + fitPoints + people + rolePoints);
    return new AccountScore(total, Decay.round(behaviour), fitPoints, people, rolePoints, List.copyOf(leads),
        fit, engaged, List.copyOf(roles.values()));
  }

  /** The explanation the API shows: the total, each part, and which lead gave what. */
  public JsonObject toJson() {
    JsonArray perLead = new JsonArray();
    leads.forEach(p -> perLead.add(new JsonObject().put("lead", p.lead()).put("email", p.email())
        .put("stage", p.stage()).put("behaviour", p.behaviour()).put("counted", p.counted())
        .put("engaged", p.engaged())));
    JsonArray fitRules = new JsonArray();
    fitMatches.forEach(m -> fitRules.add(new JsonObject().put("rule", m.rule()).put("points", m.points())
        .put("why", m.why())));
    JsonArray roleParts = new JsonArray();
    roles.forEach(r -> roleParts.add(new JsonObject().put("role", r.role()).put("points", r.points())
        .put("lead", r.lead()).put("why", r.why())));
    return new JsonObject().put("score", total).put("behaviour", behaviour).put("fit", fit).put("people", people)
        .put("roles", roleScore).put("engaged_people", engaged)
        .put("explanation", new JsonObject().put("leads", perLead).put("fit", fitRules).put("roles", roleParts));
  }
}
