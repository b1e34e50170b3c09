package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FormsOnRedisTest extends FormsContract {
  static RedisServer redis;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    startGateway(redis.url());
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void submit_redisDown_503WithRetryAfter() {
    redis.stop();
    try {
      HttpResponse<Buffer> response = post("ebook", submission("ebook", person(email())));
      assertEquals(503, response.statusCode(), response.bodyAsString());
      assertEquals("5", response.getHeader("Retry-After"));
    } finally {
      redis.startAgain();
    }
  }

  /** Regression: after a restart Redis has forgotten the scripts, and a batch reports that as "ERR [0] NOSCRIPT". */
  @Test
  void submit_afterRedisRestart_formEventStillProjected() {
    redis.stop();
    redis.startAgain();
    io.vertx.core.json.JsonObject body = submission("ebook", person(email()));
    assertOk(post("ebook", body));
    io.leadgate.testing.Eventually.until(() -> timeline("demo", body.getString("visitor")), list -> !list.isEmpty());
  }
}
