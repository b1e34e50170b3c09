package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.Eventually;
import io.leadgate.testing.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code server.transport: nio}, what runs where io_uring cannot (Docker's default seccomp profile, older kernels):
 * the suites run on {@code auto}, so these are the fallback's own checks of intake, projection and a Redis restart.
 */
class NioTransportTest {
  RedisServer redis;
  PageviewGateway gateway;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    gateway = PageviewGateway.start(redis.url(), "nio");
  }

  @AfterEach
  void stop() {
    gateway.close();
    redis.close();
  }

  @Test
  void aPageviewIsAcceptedAndProjected() {
    assertEquals(202, gateway.pageview("0123456789abcdef", "/pricing").statusCode());
    assertEquals(1, Eventually.until(() -> gateway.pageviews("0123456789abcdef"), n -> n == 1));
  }

  @Test
  void redisRestarted_intakeResumesAndNothingAcknowledgedIsLost() {
    String visitor = "fedcba9876543210";
    assertEquals(202, gateway.pageview(visitor, "/before").statusCode());
    redis.stop();
    assertEquals(503, gateway.pageview(visitor, "/during").statusCode());
    redis.startAgain();
    HttpResponse<Buffer> after = Eventually.until(() -> gateway.pageview(visitor, "/after"), r -> r.statusCode() == 202,
        Duration.ofSeconds(15));
    assertEquals(202, after.statusCode());
    assertEquals(2, Eventually.until(() -> gateway.pageviews(visitor), n -> n == 2, Duration.ofSeconds(15)));
  }
}
