package io.leadgate.accounts;

import io.leadgate.core.DomainEvent;
import java.util.List;

/**
 * A decided change of one account ({@link AccountStep}), written by {@link AccountStore#write} compare-and-set.
 *
 * @param expectedVersion the version read; the write is refused when the stored one differs
 * @param after           the account as written (its version is {@code expectedVersion + 1})
 * @param history         new history entries, oldest first
 * @param events          outbox events ({@code account.updated}, {@code account.qualified}), in order
 * @param score           the account's score now (its place in the site's score order)
 * @param activity        its newest lead activity (its place in the recent order)
 * @param joined          leads that joined: the site's lead → account map points them here
 * @param left            leads that left: the map forgets them unless they joined another account since
 */
public record AccountChange(long expectedVersion, Account after, List<AccountEntry> history, List<DomainEvent> events,
                            double score, long activity, List<String> joined, List<String> left) {

  public AccountChange {
    history = List.copyOf(history);
    events = List.copyOf(events);
    joined = List.copyOf(joined);
    left = List.copyOf(left);
  }

  public String site() {
    return after.site();
  }

  public String domain() {
    return after.domain();
  }
}
