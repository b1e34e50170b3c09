package io.leadgate.accounts;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Accounts, each stored whole on its own shard ({@code core.Shards.ofLead(Account.ref)}), apart from its leads'
 * shards. The store decides nothing: {@link AccountStep} decides an {@link AccountChange} from a {@link #read} and
 * {@link #write} applies it compare-and-set on the account's version, with its history entries and outbox events, in
 * one atomic step (Redis: one script on the account's shard; in memory: under the store's lock). So concurrent
 * changes from any number of leads and instances cross a threshold once: the losers read again.
 *
 * <p>The site's orders (by score, by recent activity) and its lead → account map are updated after the step,
 * idempotently: an order entry of an older version than the stored one is ignored.
 */
public interface AccountStore {
  /** History entries kept per account (the newest). */
  int KEPT_HISTORY = 200;

  Future<Optional<Account>> read(String site, String domain);

  /** @return false, writing nothing, when the account's version is no longer {@code expectedVersion} */
  Future<Boolean> write(AccountChange change);

  /** The account's history, newest first, at most {@code limit}. */
  Future<List<AccountEntry>> history(String site, String domain, int limit);

  /** The account a lead was last put in, if any. */
  Future<Optional<String>> accountOf(String site, String leadId);

  /**
   * Accounts ordered by value (score, or activity in ms) descending, then domain descending; skipping
   * {@code offset}.
   */
  Future<List<Hit>> list(String site, Order order, int offset, int count);

  record Hit(String domain, double value) {
  }

  enum Order {
    SCORE, RECENT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
