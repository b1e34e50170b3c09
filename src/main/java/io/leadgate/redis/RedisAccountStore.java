package io.leadgate.redis;

import io.leadgate.accounts.Account;
import io.leadgate.accounts.AccountChange;
import io.leadgate.accounts.AccountEntry;
import io.leadgate.accounts.AccountStore;
import io.leadgate.core.DomainEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts on Redis: {@code apply_account_change.lua} writes a decided change compare-and-set on the account's
 * shard (its state, history and outbox entries); {@code index_account.lua} then puts it in the site's orders and
 * lead map, on the site's accounts tag, ignoring older versions.
 */
final class RedisAccountStore implements AccountStore {
  static final LuaScript WRITE = LuaScript.load("apply_account_change");
  static final LuaScript INDEX = LuaScript.load("index_account");
  private final RedisClient redis;
  private final RedisOutboxReader outbox;

  RedisAccountStore(RedisClient redis, RedisOutboxReader outbox) {
    this.redis = redis;
    this.outbox = outbox;
  }

  @Override
  public Future<Optional<Account>> read(String site, String domain) {
    return redis.queue("account_read", Request.cmd(Command.HGET).arg(RedisKeys.account(site, domain)).arg("state"))
        .map(reply -> reply == null ? Optional.<Account>empty()
            : Optional.of(Account.fromJson(new JsonObject(reply.toString()))));
  }

  @Override
  public Future<Boolean> write(AccountChange change) {
    Account after = change.after();
    String ref = after.ref();
    List<String> keys = List.of(RedisKeys.account(after.site(), after.domain()),
        RedisKeys.accountHistory(after.site(), after.domain()), RedisKeys.outboxOf(ref));
    JsonArray history = new JsonArray();
    change.history().forEach(h -> history.add(h.toJson().encode()));
    JsonArray events = new JsonArray();
    for (DomainEvent e : change.events()) {
      events.add(new JsonArray(List.of(e.id(), e.type(), e.site(), e.leadId(), Long.toString(e.seq()),
          Long.toString(e.at()), e.data().encode())));
    }
    List<String> args = List.of(Long.toString(change.expectedVersion()), Long.toString(after.version()),
        after.toJson().encode(), Integer.toString(KEPT_HISTORY),
        new JsonObject().put("history", history).put("events", events).encode());
    return redis.queueEval("apply_account_change", WRITE, keys, args).compose(reply -> {
      if (reply.toInteger() != 1) {
        return Future.succeededFuture(false);
      }
      if (!events.isEmpty()) {
        outbox.written(ref);
      }
      return index(change).map(true);
    });
  }

  private Future<Void> index(AccountChange change) {
    String site = change.site();
    List<String> keys = List.of(RedisKeys.accountIndex(site), RedisKeys.accountOrder(site, Order.SCORE.label()),
        RedisKeys.accountOrder(site, Order.RECENT.label()), RedisKeys.accountOfLead(site));
    List<String> args = List.of(change.domain(), Long.toString(change.after().version()),
        Double.toString(change.score()), Long.toString(change.activity()),
        new JsonArray(new ArrayList<>(change.joined())).encode(),
        new JsonArray(new ArrayList<>(change.left())).encode());
    return redis.queueEval("index_account", INDEX, keys, args).mapEmpty();
  }

  @Override
  public Future<List<AccountEntry>> history(String site, String domain, int limit) {
    return redis.send("account_history", Request.cmd(Command.LRANGE).arg(RedisKeys.accountHistory(site, domain))
        .arg(0).arg(limit - 1)).map(reply -> {
          List<AccountEntry> out = new ArrayList<>();
          for (Response line : reply) {
            out.add(AccountEntry.fromJson(new JsonObject(line.toString())));
          }
          return out;
        });
  }

  @Override
  public Future<Optional<String>> accountOf(String site, String leadId) {
    return redis.queue("account_of_lead", Request.cmd(Command.HGET).arg(RedisKeys.accountOfLead(site)).arg(leadId))
        .map(reply -> reply == null ? Optional.empty() : Optional.of(reply.toString()));
  }

  @Override
  public Future<List<Hit>> list(String site, Order order, int offset, int count) {
    // ZRANGE ... BYSCORE REV (Redis 6.2+): ties in descending member order
    Request request = Request.cmd(Command.ZRANGE).arg(RedisKeys.accountOrder(site, order.label())).arg("+inf")
        .arg("-inf").arg("BYSCORE").arg("REV").arg("LIMIT").arg(offset).arg(count).arg("WITHSCORES");
    return redis.send("account_list", request).map(reply -> {
      List<Hit> hits = new ArrayList<>();
      for (int i = 0; i + 1 < reply.size(); i += 2) {
        hits.add(new Hit(reply.get(i).toString(), Double.parseDouble(reply.get(i + 1).toString())));
      }
      return hits;
    });
  }
}
