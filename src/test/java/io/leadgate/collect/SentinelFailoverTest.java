package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Eventually;
import io.leadgate.testing.RedisSentinels;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway on a master watched by three sentinels: the master is killed ({@code kill -9}), a sentinel promotes
 * the replica, and the gateway follows it without a restart, answering 503 with Retry-After in between, never 500.
 */
class SentinelFailoverTest {
  @RegisterExtension
  static final RedisSentinels redis = RedisSentinels.perClass();
  PageviewGateway gateway;

  @BeforeEach
  void start() {
    gateway = PageviewGateway.start(redis.url(), "auto");
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void masterKilled_gatewayFollowsThePromotedReplica_503WithRetryAfterMeanwhile_never500() {
    String visitor = "0123456789abcdef";
    assertEquals(202, gateway.pageview(visitor, "/before").statusCode());
    Eventually.until(() -> gateway.pageviews(visitor), n -> n == 1);
    int old = redis.master();

    redis.kill(old);
    Map<Integer, Integer> statuses = new TreeMap<>();
    long killedAt = System.nanoTime();
    long recoveredMs = -1;
    while (System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(40)) {
      HttpResponse<Buffer> response = gateway.pageview(visitor, "/during");
      statuses.merge(response.statusCode(), 1, Integer::sum);
      assertTrue(response.statusCode() == 202 || response.statusCode() == 503,
          response.statusCode() + " " + response.bodyAsString());
      if (response.statusCode() == 503) {
        assertNotNull(response.getHeader("Retry-After"), "503 says when to retry");
      }
      if (response.statusCode() == 202 && redis.master() != old) {
        recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;
        break;
      }
      sleepQuietly(100);
    }
    System.out.println("sentinel failover: statuses " + statuses + ", writes accepted again after " + recoveredMs
        + " ms");
    assertTrue(recoveredMs > 0, "writes accepted on the new master without a restart " + statuses);
    assertTrue(redis.awaitFailover(old, Duration.ofSeconds(5)) != old);
    String after = "fedcba9876543210";
    assertEquals(202, gateway.pageview(after, "/after").statusCode());
    Eventually.until(() -> gateway.pageviews(after), n -> n == 1);
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
