package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Eventually;
import io.leadgate.testing.Http;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis stopped under a running gateway: 503 with Retry-After, then recovery without a restart, nothing lost. */
class RedisOutageTest {
  static final String YAML = """
      redis: {timeoutMs: 1000}
      sites: [{key: acme, allowedOrigins: ["*"]}]
      """;
  RedisServer redis;
  TestGateway gateway;
  Http http;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    gateway = TestGateway.start(YAML, redis.url());
    http = new Http(gateway.client());
  }

  @AfterEach
  void stop() {
    gateway.close();
    redis.close();
  }

  HttpResponse<Buffer> pageview(String visitor, String path) {
    JsonObject event = new JsonObject().put("site", "acme").put("visitor", visitor)
        .put("id", "e" + UUID.randomUUID().toString().replace("-", "")).put("type", "pageview")
        .put("url", "https://acme.com" + path);
    return http.post("/e", event.encode(), "Content-Type", "text/plain");
  }

  long pageviews(String visitor) {
    try {
      return gateway.gateway().stores().visitors().visitor("acme", visitor).await(5, TimeUnit.SECONDS)
          .map(v -> v.counts().getLong("pageviews")).orElse(0L);
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void redisDown_eventsGet503WithRetryAfter() {
    redis.stop();
    HttpResponse<Buffer> response = pageview("0123456789abcdef", "/");
    assertEquals(503, response.statusCode());
    assertEquals("5", response.getHeader("Retry-After"));
    assertEquals("store_unavailable", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void redisDown_readinessSays503AndLivenessStaysUp() {
    redis.stop();
    assertEquals(503, http.get("/health/ready").statusCode());
    assertEquals(200, http.get("/health/live").statusCode());
  }

  @Test
  void redisBack_intakeAndProjectionResumeAndNothingAcknowledgedIsLost() {
    String visitor = "0123456789abcdef";
    assertEquals(202, pageview(visitor, "/before").statusCode());
    Eventually.until(() -> pageviews(visitor), n -> n == 1);

    redis.stop();
    assertEquals(503, pageview(visitor, "/during").statusCode());
    redis.startAgain();

    HttpResponse<Buffer> after = Eventually.until(() -> pageview(visitor, "/after"), r -> r.statusCode() == 202,
        Duration.ofSeconds(15));
    assertEquals(202, after.statusCode());
    assertEquals(2, Eventually.until(() -> pageviews(visitor), n -> n == 2, Duration.ofSeconds(15)));
    assertEquals(200, http.get("/health/ready").statusCode());
  }

  @Test
  void acknowledgedButNotYetProjected_isProjectedAfterRedisComesBack() {
    String visitor = "fedcba9876543210";
    assertEquals(202, pageview(visitor, "/a").statusCode());
    redis.stop();
    redis.startAgain();
    assertTrue(Eventually.until(() -> pageviews(visitor), n -> n == 1, Duration.ofSeconds(15)) == 1);
  }
}
