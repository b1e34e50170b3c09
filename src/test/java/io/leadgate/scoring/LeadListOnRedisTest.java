package io.leadgate.scoring;

import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.SearchTokens;
import io.leadgate.identity.Stage;
import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@RunsOn(Kind.SERVER)
class LeadListOnRedisTest extends LeadListContract {
  /** Calls of one command since the last {@code CONFIG RESETSTAT}. */
  static long calls(String command) {
    Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
        .matcher(api.redis().command("INFO", "commandstats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void q_byDomainAmongTwentyThousandLeads_readsOnePageOfTheIndexAndOnlyTheMatchesRows() {
    String domain = unique("small") + ".com";
    String first = submit(unique("a") + "@" + domain, "Ann", "Small");
    String second = submit(unique("b") + "@" + domain, "Bo", "Small");
    LeadIds ids = new LeadIds();
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = ids.get();
      Lead other = new Lead(id, "acme", id + "@big-" + domain, Stage.LEAD, 1, 1, 1,
          new JsonObject().put("name", "Ann " + i), new JsonArray(), new JsonObject(), null);
      writes.add(api.stores().leadSearch().index(other, SearchTokens.of(other)));
      if (writes.size() >= 2_000) {
        await(Future.all(writes));
        writes.clear();
      }
    }
    await(Future.all(writes));
    api.redis().command("CONFIG", "RESETSTAT");
    assertEquals(Set.of(first, second), Set.copyOf(found(domain)));
    assertEquals(1, calls("zrangebylex"));
    // per row found: the lead, then the lead and its score for the score now; none for the 20,000 others
    assertTrue(calls("hgetall") <= 3 * 2, "hashes read: " + calls("hgetall"));
    assertEquals(0, calls("scan") + calls("hscan") + calls("keys") + calls("zrange"));
  }
}
