package io.leadgate.memory;

import io.leadgate.accounts.Account;
import io.leadgate.accounts.AccountChange;
import io.leadgate.accounts.AccountEntry;
import io.leadgate.accounts.AccountStore;
import io.leadgate.core.DomainEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts in this process: a write checks the version and appends its history and outbox events under one lock, as
 * the Redis script does on the account's shard.
 */
final class MemoryAccountStore implements AccountStore {
  private final MemoryOutbox outbox;
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, LinkedList<AccountEntry>> history = new HashMap<>();
  /** site → domain → {version, score, activity}. */
  private final Map<String, Map<String, double[]>> orders = new HashMap<>();
  /** site → lead → domain. */
  private final Map<String, Map<String, String>> leadAccounts = new HashMap<>();

  MemoryAccountStore(MemoryOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public synchronized Future<Optional<Account>> read(String site, String domain) {
    return Future.succeededFuture(Optional.ofNullable(accounts.get(Account.ref(site, domain))));
  }

  @Override
  public synchronized Future<Boolean> write(AccountChange change) {
    String ref = change.after().ref();
    Account stored = accounts.get(ref);
    if ((stored == null ? 0 : stored.version()) != change.expectedVersion()) {
      return Future.succeededFuture(false);
    }
    accounts.put(ref, change.after());
    LinkedList<AccountEntry> lines = history.computeIfAbsent(ref, r -> new LinkedList<>());
    change.history().forEach(lines::addFirst);
    while (lines.size() > KEPT_HISTORY) {
      lines.removeLast();
    }
    for (DomainEvent event : change.events()) {
      outbox.append(event);
    }
    Map<String, double[]> order = orders.computeIfAbsent(change.site(), s -> new HashMap<>());
    double[] old = order.get(change.domain());
    if (old == null || old[0] < change.after().version()) {
      order.put(change.domain(), new double[] {change.after().version(), change.score(), change.activity()});
    }
    Map<String, String> leads = leadAccounts.computeIfAbsent(change.site(), s -> new HashMap<>());
    change.left().forEach(lead -> leads.remove(lead, change.domain()));
    change.joined().forEach(lead -> leads.put(lead, change.domain()));
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<List<AccountEntry>> history(String site, String domain, int limit) {
    List<AccountEntry> lines = history.getOrDefault(Account.ref(site, domain), new LinkedList<>());
    return Future.succeededFuture(List.copyOf(lines.subList(0, Math.min(limit, lines.size()))));
  }

  @Override
  public synchronized Future<Optional<String>> accountOf(String site, String leadId) {
    return Future.succeededFuture(Optional.ofNullable(leadAccounts.getOrDefault(site, Map.of()).get(leadId)));
  }

  @Override
  public synchronized Future<List<Hit>> list(String site, Order order, int offset, int count) {
    int at = order == Order.SCORE ? 1 : 2;
    List<Hit> all = new ArrayList<>();
    orders.getOrDefault(site, Map.of()).forEach((domain, entry) -> all.add(new Hit(domain, entry[at])));
    all.sort(Comparator.comparingDouble(Hit::value).reversed().thenComparing(Hit::domain, Comparator.reverseOrder()));
    return Future.succeededFuture(List.copyOf(all.subList(Math.min(offset, all.size()),
        Math.min(offset + count, all.size()))));
  }
}
