package io.leadgate.accounts;

import io.leadgate.core.InvalidInput;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadStore;
import io.leadgate.scoring.AccountRules;
import io.leadgate.scoring.ScoreState;
import io.leadgate.scoring.ScoreStore;
import io.leadgate.scoring.ScoringRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each lead in the account of its email's domain: after a lead's event is scored (or a form changed it), its
 * copy in the account is refreshed, the account rescored and its stage moved ({@link AccountUpdater}); a lead whose
 * domain changed leaves its old account first. Merges declared domains, removes erased leads, and answers the API
 * ({@link AccountPages}).
 */
public final class AccountsService {
  /** Lead fields that fill the account's firmographic fields (the newest non-empty value wins). */
  static final List<String> FIRMOGRAPHIC = List.of("company", "website", "size", "industry", "country");

  private final AccountStore accounts;
  private final LeadStore leads;
  private final ScoreStore scores;
  private final ScoringRules rules;
  private final AccountDomains domains;
  private final AccountUpdater updater;
  private final Clock clock;

  public AccountsService(AccountStore accounts, LeadStore leads, ScoreStore scores, ScoringRules rules,
                         AccountDomains domains, Clock clock) {
    this.accounts = accounts;
    this.leads = leads;
    this.scores = scores;
    this.rules = rules;
    this.domains = domains;
    this.updater = new AccountUpdater(accounts);
    this.clock = clock;
  }

  public AccountDomains domains() {
    return domains;
  }

  AccountRules accountRules() {
    return rules.current().accounts();
  }

  long halfLifeMs(String site) {
    return rules.current().site(site).thresholds().halfLifeMs();
  }

  /**
   * Puts the lead, as it is now, in its account (none for a free-mail or disposable address); the account it was in
   * before, when that is another, loses it first.
   *
   * @return the account's decision, or empty when the lead belongs to no account (or does not exist)
   */
  public Future<Optional<AccountStep.Decision>> refresh(String leadId) {
    return refresh(leadId, null);
  }

  /**
   * {@link #refresh(String)}, with firmographic fields told by the lead's own side (a {@code group} call), which
   * win over its form fields.
   */
  public Future<Optional<AccountStep.Decision>> refresh(String leadId, JsonObject told) {
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      Lead lead = found.get();
      Optional<String> own = domains.ofEmail(lead.email());
      if (own.isEmpty()) {
        // no company address: only a departure from an account it was in (its domain was one once) is to write
        return accounts.accountOf(lead.site(), leadId).compose(before -> before.isEmpty()
            ? Future.succeededFuture(Optional.empty())
            : apply(lead.site(), before.get(), AccountStep.Edit.remove(leadId,
                "its email is at no company domain now", "scoring")).map(d -> Optional.<AccountStep.Decision>empty()));
      }
      Future<String> target = resolve(lead.site(), own.get());
      return Future.all(target, accounts.accountOf(lead.site(), leadId), scores.state(leadId)).compose(read -> {
        String domain = target.result();
        Optional<String> before = read.resultAt(1);
        ScoreState state = read.resultAt(2);
        Future<?> leave = before.isPresent() && !before.get().equals(domain)
            ? apply(lead.site(), before.get(), AccountStep.Edit.remove(leadId, "its email is at " + domain + " now",
                "scoring"))
            : Future.succeededFuture();
        Member member = new Member(lead.id(), lead.email(), lead.stage().label(), lead.fields(),
            state.behaviour().value(), state.behaviour().at(), state.activity(), lead.seq() + state.version());
        JsonObject fields = firmographic(lead.fields());
        if (told != null) {
          fields.mergeIn(told);
        }
        return leave.compose(v -> apply(lead.site(), domain,
            AccountStep.Edit.upsert(member, fields, told == null ? "scoring" : "group"))).map(Optional::of);
      });
    });
  }

  /**
   * Removes a lead from its account (the lead was erased): the account is rescored, its history says so.
   *
   * @return false when the lead was in no account
   */
  public Future<Boolean> removeLead(String site, String leadId, String why) {
    return accounts.accountOf(site, leadId).compose(domain -> domain.isEmpty() ? Future.succeededFuture(false)
        : apply(site, domain.get(), AccountStep.Edit.remove(leadId, why, "erase")).map(d -> true));
  }

  /** Sets firmographic fields (a Segment-spec {@code group} call, an integration): blank values are ignored. */
  public Future<AccountStep.Decision> setFields(String site, String domain, JsonObject fields, String by) {
    String key = AccountDomains.registrable(domain).orElseThrow(() -> InvalidInput.field("domain",
        "must be a domain such as acme.com (was \"" + domain + "\")"));
    return resolve(site, key).compose(d -> apply(site, d, new AccountStep.Edit(null, null, null, fields, null, null,
        by)));
  }

  /**
   * Declares {@code alias} the same company as {@code canonical}: the alias account's leads, fields and history
   * entry move to the canonical account, the alias account points there (new leads of the alias go there too), and
   * both histories record it. Repeating it changes nothing.
   */
  public Future<AccountStep.Decision> merge(String site, String alias, String canonical, String by) {
    String from = AccountDomains.registrable(alias).orElseThrow(() -> InvalidInput.field("alias",
        "must be a domain such as acme-corp.com (was \"" + alias + "\")"));
    String to = AccountDomains.registrable(canonical).orElseThrow(() -> InvalidInput.field("domain",
        "must be a domain such as acme.com (was \"" + canonical + "\")"));
    if (from.equals(to)) {
      throw InvalidInput.field("alias", "is the account's own domain");
    }
    return accounts.read(site, from).compose(read -> {
      Account source = read.orElse(Account.empty(site, from, clock.millis()));
      if (source.mergedInto() != null && !source.mergedInto().equals(to)) {
        throw new io.leadgate.core.Conflict("already_merged", from + " was declared the same company as "
            + source.mergedInto());
      }
      // first the canonical account gains the leads, then the alias lets them go: a crash between leaves them in
      // both, and the merge repeated (the config's aliases are merged at every start) finishes it
      return apply(site, to, new AccountStep.Edit(null, null, null, null, source, null, by))
          .compose(merged -> apply(site, from, new AccountStep.Edit(null, null, null, null, null, to, by))
              .map(merged));
    });
  }

  /** The account a domain's leads go to: the domain itself, or the one it was merged into. */
  Future<String> resolve(String site, String domain) {
    return accounts.read(site, domain).map(read -> read.map(Account::mergedInto).orElse(null))
        .map(into -> into == null ? domain : into);
  }

  private Future<AccountStep.Decision> apply(String site, String domain, AccountStep.Edit edit) {
    return updater.apply(site, domain, edit, accountRules(), halfLifeMs(site), clock.millis());
  }

  static JsonObject firmographic(JsonObject leadFields) {
    JsonObject out = new JsonObject();
    for (String name : FIRMOGRAPHIC) {
      Object value = leadFields.getValue(name);
      if (value instanceof String text && !text.isBlank()) {
        out.put(name, text.strip());
      } else if (value instanceof Number number) {
        out.put(name, number);
      }
    }
    return out;
  }
}
