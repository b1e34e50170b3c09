package io.leadgate.accounts;

import io.leadgate.core.StoreUnavailable;
import io.leadgate.scoring.AccountRules;
import io.vertx.core.Future;

/**
 * Applies {@link AccountStep}'s decisions to an account: reads it, decides, writes compare-and-set on its version;
 * when another lead's change got there first, reads and decides again. At most {@link #MAX_ATTEMPTS} rounds, then the
 * change fails as the store being unavailable (the projector retries the event later).
 */
public final class AccountUpdater {
  static final int MAX_ATTEMPTS = 100;
  private final AccountStore store;

  public AccountUpdater(AccountStore store) {
    this.store = store;
  }

  public Future<AccountStep.Decision> apply(String site, String domain, AccountStep.Edit edit, AccountRules rules,
                                            long halfLifeMs, long now) {
    return round(site, domain, edit, rules, halfLifeMs, now, 1);
  }

  private Future<AccountStep.Decision> round(String site, String domain, AccountStep.Edit edit, AccountRules rules,
                                             long halfLifeMs, long now, int attempt) {
    return store.read(site, domain).compose(read -> {
      AccountStep.Decision decision = AccountStep.decide(read.orElse(null), site, domain, edit, rules, halfLifeMs,
          now);
      if (decision.change() == null) {
        return Future.succeededFuture(decision);
      }
      return store.write(decision.change()).compose(written -> {
        if (written) {
          return Future.succeededFuture(decision);
        }
        return attempt >= MAX_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("account " + domain + " is changing too fast", null))
            : round(site, domain, edit, rules, halfLifeMs, now, attempt + 1);
      });
    });
  }
}
