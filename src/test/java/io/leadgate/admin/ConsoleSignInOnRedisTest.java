package io.leadgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.Http;
import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;
import io.leadgate.testing.TestGateway;
import org.junit.jupiter.api.Test;

@RunsOn(Kind.SERVER)
class ConsoleSignInOnRedisTest extends ConsoleSignInContract {
  @Test
  void session_signedInOnOneInstance_opensTheApiOnAnother() {
    Signed vic = signedIn("vic");
    try (TestGateway other = TestGateway.start(YAML, api.store().url(), api.clock())) {
      assertEquals(200, new Http(other.client()).get("/api/leads", "Cookie", vic.cookie()).statusCode());
    }
  }

  @Test
  void session_storedUnderADigestOfTheCookieWithItsTtl() {
    Signed vic = signedIn("vic");
    String key = "lg:session:" + Sessions.digest(vic.cookie().substring("lg_session=".length()));
    long ttl = Long.parseLong(api.redis().command("PTTL", key));
    assertEquals(true, ttl > 3_500_000 && ttl <= 3_600_000, "PTTL " + ttl);
  }

  @Test
  void redisDown_sessionRequestsAndSignIn_503WithRetryAfter() {
    Signed vic = signedIn("vic");
    api.redis().stop();
    try {
      var read = api.http().get("/api/leads", "Cookie", vic.cookie());
      assertEquals(503, read.statusCode(), read.bodyAsString());
      assertEquals(true, read.getHeader("Retry-After") != null);
      var signIn = signIn("alice", PASSWORD);
      assertEquals(503, signIn.statusCode(), signIn.bodyAsString());
    } finally {
      api.redis().startAgain();
    }
  }
}
