package io.leadgate.accounts;

import io.leadgate.core.StoreUnavailable;
import io.leadgate.scoring.AccountRules;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies {@link AccountStep}'s decisions to an account: reads it, decides, writes compare-and-set on its version;
 * when another lead's change got there first, reads and decides again. At most {@link #MAX_ATTEMPTS} rounds, then the
 * change fails as the store being unavailable (the projector retries the event later).
 *
 * <p>Within one instance the changes of one account go one after the other: a projection batch tells the listeners
 * of all its events at once, and hundreds of leads of one company (a big customer, a shared domain) racing for one
 * version made every round but one fail, until the batch gave up and was read again, again: projection stalled.
 * Compare-and-set still settles the races between instances.
 */
public final class AccountUpdater {
  static final int MAX_ATTEMPTS = 100;
  private final AccountStore store;
  private final ConcurrentHashMap<String, Future<?>> queued = new ConcurrentHashMap<>();

  public AccountUpdater(AccountStore store) {
    this.store = store;
  }

  public Future<AccountStep.Decision> apply(String site, String domain, AccountStep.Edit edit, AccountRules rules,
                                            long halfLifeMs, long now) {
    String key = site + "/" + domain;
    Promise<AccountStep.Decision> done = Promise.promise();
    Future<?> before = queued.put(key, done.future());
    Future<?> turn = before == null ? Future.succeededFuture() : before;
    turn.onComplete(ignored -> round(site, domain, edit, rules, halfLifeMs, now, 1).onComplete(done));
    // the last in line clears the queue's entry, so that it holds only accounts with changes under way
    return done.future().onComplete(ignored -> queued.remove(key, done.future()));
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
