package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.store.redis.RedisKeys;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CollectOnRedisSmokeTest {
  static final String YAML = """
      sites:
        - key: demo
          allowedOrigins: ["*"]
      """;
  static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";
  static RedisServer redis;
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    gateway = TestGateway.start(YAML, redis.url());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    redis.close();
  }

  @Test
  void pageview_isProjectedIntoTheVisitorHash() throws Exception {
    String visitor = "0123456789abcdef0123456789abcdef";
    HttpResponse<Buffer> response = gateway.client().post("/e").putHeader("Content-Type", "text/plain")
        .putHeader("User-Agent", UA)
        .sendBuffer(Buffer.buffer("{\"site\":\"demo\",\"visitor\":\"" + visitor + "\",\"id\":\"evt-0000001\","
            + "\"type\":\"pageview\",\"url\":\"https://acme.com/pricing\"}"))
        .await(5, TimeUnit.SECONDS);
    assertEquals(202, response.statusCode(), response.bodyAsString());
    String key = RedisKeys.visitor("demo", visitor);
    String pageviews = Eventually.until(() -> redis.command("HGET", key, "pageviews"), v -> v.equals("1"));
    assertEquals("1", pageviews);
    assertTrue(redis.command("LRANGE", RedisKeys.visitorTimeline("demo", visitor), "0", "-1").contains("/pricing"));
  }
}
