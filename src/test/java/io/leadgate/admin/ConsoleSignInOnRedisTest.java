package io.leadgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.Http;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConsoleSignInOnRedisTest extends ConsoleSignInContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  @Override
  String redisUrl() {
    return redis.url();
  }

  @Override
  void resetStore() {
    redis.flush();
  }

  @Test
  void session_signedInOnOneInstance_opensTheApiOnAnother() {
    Signed vic = signedIn("vic");
    try (TestGateway other = TestGateway.start(YAML, redis.url(), clock)) {
      assertEquals(200, new Http(other.client()).get("/api/leads", "Cookie", vic.cookie()).statusCode());
    }
  }

  @Test
  void session_storedUnderADigestOfTheCookieWithItsTtl() {
    Signed vic = signedIn("vic");
    String key = "lg:session:" + Sessions.digest(vic.cookie().substring("lg_session=".length()));
    long ttl = Long.parseLong(redis.command("PTTL", key));
    assertEquals(true, ttl > 3_500_000 && ttl <= 3_600_000, "PTTL " + ttl);
  }

  @Test
  void redisDown_sessionRequestsAndSignIn_503WithRetryAfter() {
    Signed vic = signedIn("vic");
    redis.stop();
    try {
      var read = http.get("/api/leads", "Cookie", vic.cookie());
      assertEquals(503, read.statusCode(), read.bodyAsString());
      assertEquals(true, read.getHeader("Retry-After") != null);
      var signIn = signIn("alice", PASSWORD);
      assertEquals(503, signIn.statusCode(), signIn.bodyAsString());
    } finally {
      redis.startAgain();
    }
  }
}
