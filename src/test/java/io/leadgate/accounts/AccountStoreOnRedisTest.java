package io.leadgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Stores;
import io.leadgate.identity.Lead;
import io.leadgate.redis.RedisKeys;
import io.leadgate.testing.TwoInstances;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountStoreOnRedisTest extends AccountStoreContract {
  @RegisterExtension
  static final TwoInstances redis = TwoInstances.onServer();

  @Override
  protected Stores stores() {
    return redis.first();
  }

  @Override
  protected Stores otherInstance() {
    return redis.second();
  }

  @Test
  void accountKeys_shareTheAccountsHashTag_notTheLeads() {
    Lead lead = lead("ann@acme.com", new JsonObject());
    await(service().refresh(lead.id()));
    String tag = RedisKeys.account(SITE, "acme.com").split(":")[1];
    assertTrue(RedisKeys.accountHistory(SITE, "acme.com").contains(tag));
    assertTrue(RedisKeys.outboxOf(Account.ref(SITE, "acme.com")).contains(tag));
    assertEquals("1", redis.server().command("HGET", RedisKeys.account(SITE, "acme.com"), "ver"));
    assertEquals("1", redis.server().command("LLEN", RedisKeys.accountHistory(SITE, "acme.com")));
  }
}
