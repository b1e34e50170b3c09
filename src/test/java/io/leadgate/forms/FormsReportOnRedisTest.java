package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

@RunsOn(Kind.SERVER)
class FormsReportOnRedisTest extends FormsReportContract {
  @Test
  void counts_oneHashPerSiteAndDay_expiringWithTheSitesDailyAggregates() {
    submit("ebook", new JsonObject().put("email", "ttl@acme-corp.com"));
    reportOnce("", "ebook", 1);
    long expiresAt = Long.parseLong(api.redis().command("EXPIRETIME", "lg:{d:acme}:20261120:forms"));
    // statsRetentionDays defaults to 400: the hash goes at the end of the 400th day after its own
    assertEquals(java.time.LocalDate.parse("2026-11-20").plusDays(401).toEpochDay() * 86_400, expiresAt);
  }
}
