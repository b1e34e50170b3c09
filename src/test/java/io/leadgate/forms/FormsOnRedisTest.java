package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

@RunsOn(Kind.SERVER)
class FormsOnRedisTest extends FormsContract {
  @Test
  void submit_redisDown_503WithRetryAfter() {
    api.redis().stop();
    try {
      HttpResponse<Buffer> response = post("ebook", submission("ebook", person(email())));
      assertEquals(503, response.statusCode(), response.bodyAsString());
      assertEquals("5", response.getHeader("Retry-After"));
    } finally {
      api.redis().startAgain();
    }
  }

  /** Regression: after a restart Redis has forgotten the scripts, and a batch reports that as "ERR [0] NOSCRIPT". */
  @Test
  void submit_afterRedisRestart_formEventStillProjected() {
    api.redis().stop();
    api.redis().startAgain();
    io.vertx.core.json.JsonObject body = submission("ebook", person(email()));
    assertOk(post("ebook", body));
    io.leadgate.testing.Eventually.until(() -> timeline("demo", body.getString("visitor")), list -> !list.isEmpty());
  }
}
