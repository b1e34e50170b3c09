package io.leadgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Eventually;
import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start("sites: [{key: acme, allowedOrigins: ['*']}]", null);
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void live_isUp() {
    assertEquals(200, http.get("/health/live").statusCode());
  }

  @Test
  void ready_namesTheStore() {
    HttpResponse<Buffer> response = http.get("/health/ready");
    assertEquals(200, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("store").contains("in-memory"));
  }

  @Test
  void metrics_countAcceptedAndRejectedEventsInPrometheusFormat() {
    http.post("/e", "{\"site\":\"acme\",\"visitor\":\"0123456789abcdef\",\"type\":\"pageview\",\"url\":\"https://a.io/\"}",
        "Content-Type", "text/plain");
    http.post("/e", "{\"site\":\"nosuch\",\"visitor\":\"0123456789abcdef\",\"type\":\"pageview\",\"url\":\"https://a.io/\"}",
        "Content-Type", "text/plain");
    String metrics = Eventually.until(() -> http.get("/metrics").bodyAsString(),
        m -> m.contains("leadgate_events_projected_total"));
    assertTrue(metrics.contains("leadgate_events_accepted_total{site=\"acme\"} 1.0"), metrics);
    assertTrue(metrics.contains("leadgate_events_rejected_total{reason=\"unknown_site\"} 1.0"), metrics);
    assertTrue(metrics.contains("leadgate_http_requests_seconds_count{method=\"POST\",route=\"/e\",status=\"202\"}"), metrics);
    assertTrue(http.get("/metrics").getHeader("Content-Type").startsWith("text/plain"));
  }
}
