package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Eventually;
import io.leadgate.testing.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped under a running gateway: 503 with Retry-After, then recovery without a restart, nothing lost. On
 * {@code server.transport: auto} (io_uring where it runs); {@link RedisOutageOnNioTest} repeats it on nio.
 */
class RedisOutageTest {
  RedisServer redis;
  PageviewGateway gateway;

  /** {@code server.transport} of the gateway under test. */
  String transport() {
    return "auto";
  }

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    gateway = PageviewGateway.start(redis.url(), transport());
  }

  @AfterEach
  void stop() {
    gateway.close();
    redis.close();
  }

  @Test
  void redisDown_eventsGet503WithRetryAfter() {
    redis.stop();
    HttpResponse<Buffer> response = gateway.pageview("0123456789abcdef", "/");
    assertEquals(503, response.statusCode());
    assertEquals("5", response.getHeader("Retry-After"));
    assertEquals("store_unavailable", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void redisDown_readinessSays503AndLivenessStaysUp() {
    redis.stop();
    assertEquals(503, gateway.http().get("/health/ready").statusCode());
    assertEquals(200, gateway.http().get("/health/live").statusCode());
  }

  @Test
  void redisBack_intakeAndProjectionResumeAndNothingAcknowledgedIsLost() {
    String visitor = "0123456789abcdef";
    assertEquals(202, gateway.pageview(visitor, "/before").statusCode());
    Eventually.until(() -> gateway.pageviews(visitor), n -> n == 1);

    redis.stop();
    assertEquals(503, gateway.pageview(visitor, "/during").statusCode());
    redis.startAgain();

    HttpResponse<Buffer> after = Eventually.until(() -> gateway.pageview(visitor, "/after"), r -> r.statusCode() == 202,
        Duration.ofSeconds(15));
    assertEquals(202, after.statusCode());
    assertEquals(2, Eventually.until(() -> gateway.pageviews(visitor), n -> n == 2, Duration.ofSeconds(15)));
    assertEquals(200, gateway.http().get("/health/ready").statusCode());
  }

  @Test
  void acknowledgedButNotYetProjected_isProjectedAfterRedisComesBack() {
    String visitor = "fedcba9876543210";
    assertEquals(202, gateway.pageview(visitor, "/a").statusCode());
    redis.stop();
    redis.startAgain();
    assertTrue(Eventually.until(() -> gateway.pageviews(visitor), n -> n == 1, Duration.ofSeconds(15)) == 1);
  }
}
