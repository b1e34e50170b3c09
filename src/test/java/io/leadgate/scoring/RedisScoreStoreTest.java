package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Stores;
import io.leadgate.identity.Lead;
import io.leadgate.redis.RedisKeys;
import io.leadgate.testing.TwoInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisScoreStoreTest extends ScoreStoreContract {
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
  void scoreKeys_shareTheLeadsHashTag() {
    Lead lead = lead();
    apply(lead, MQL_50, T0, event("e-1", T0, "pricing", 10, 0));
    String tag = RedisKeys.lead(lead.id()).split(":")[1];
    for (String key : new String[] {RedisKeys.leadScore(lead.id()), RedisKeys.leadScored(lead.id()),
        RedisKeys.leadPoints(lead.id()), RedisKeys.outboxOf(lead.id()), RedisKeys.leadStages(lead.id())}) {
      assertTrue(key.contains(tag), key);
    }
    assertEquals("1", redis.server().command("ZCARD", RedisKeys.leadScored(lead.id())));
    assertEquals("1", redis.server().command("LLEN", RedisKeys.leadPoints(lead.id())));
  }

  @Test
  void scoredIdsAndPointsLog_areBounded() {
    Lead lead = lead();
    java.util.List<io.leadgate.scoring.ScoreDelta.ScoredEvent> many = new java.util.ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(event("e-" + i, T0 + i, "pricing", 1, 0));
    }
    step(lead.id(), new io.leadgate.scoring.ScoreDelta(many, null, false), MQL_50, T0);
    assertEquals(Integer.toString(ScoreStore.KEPT_EVENT_IDS), redis.server().command("ZCARD", RedisKeys.leadScored(lead.id())));
    assertEquals(Integer.toString(ScoreStore.KEPT_LOG), redis.server().command("LLEN", RedisKeys.leadPoints(lead.id())));
  }
}
