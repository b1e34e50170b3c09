package io.leadgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Http;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestGateway;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code /metrics} shows, scraped over HTTP from a gateway on a real Redis. */
class MetricsScrapeTest {
  static RedisServer redis;
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    gateway = TestGateway.start("sites: [{key: acme, allowedOrigins: ['*']}]", redis.url());
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    redis.close();
  }

  static String scrape() {
    return http.get("/metrics").bodyAsString();
  }

  /** The count of requests a series of {@code leadgate_http_requests_seconds_count} holds (0 when absent). */
  static double requests(String metrics, String route, String method, String status) {
    Matcher m = Pattern.compile("leadgate_http_requests_seconds_count\\{method=\"" + method + "\",route=\""
        + Pattern.quote(route) + "\",status=\"" + status + "\"} (\\S+)").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void everyMetric_hasHelpText() {
    http.post("/e", "{\"site\":\"acme\",\"visitor\":\"0123456789abcdef\",\"type\":\"pageview\",\"url\":\"https://a.io/\"}",
        "Content-Type", "text/plain");
    List<String> help = scrape().lines().filter(line -> line.startsWith("# HELP ")).toList();

    assertTrue(help.size() > 20, () -> "HELP lines: " + help);
    for (String line : help) {
      String[] parts = line.split(" ", 4);
      assertTrue(parts.length == 4 && !parts[3].isBlank(), () -> "no HELP text: " + line);
    }
  }

  @Test
  void requestDurations_areLabelledByRouteTemplate_notByThePath() {
    http.post("/f/first-form", "email=a@b.io", "Content-Type", "application/x-www-form-urlencoded");
    http.post("/f/second-form", "email=a@b.io", "Content-Type", "application/x-www-form-urlencoded");
    String metrics = scrape();

    assertEquals(2, requests(metrics, "/f/:form", "POST", "404"), metrics);
    assertFalse(metrics.contains("first-form"), metrics);
  }

  @Test
  void aRequestRefusedBeforeItsRoute_isLabelledWithTheRouteItAskedFor() {
    http.get("/api/leads/some-lead-id");
    String metrics = scrape();

    assertEquals(1, requests(metrics, "/api/leads/:id", "GET", "401"), metrics);
    assertFalse(metrics.contains("some-lead-id"), metrics);
  }

  @Test
  void requestsNoRouteMatches_shareOneLabel() {
    http.get("/no/such/page-1");
    http.get("/no/such/page-2");
    String metrics = scrape();

    assertEquals(2, requests(metrics, Metrics.UNMATCHED, "GET", "404"), metrics);
    assertFalse(metrics.contains("page-1"), metrics);
  }

  @Test
  void aClientsOwnMethod_countsAsOther() {
    http.send(io.vertx.core.http.HttpMethod.valueOf("BREW"), "/health/live", null);
    String metrics = scrape();

    assertFalse(metrics.contains("BREW"), metrics);
    assertTrue(metrics.contains("method=\"OTHER\""), metrics);
  }

  @Test
  void requestDurations_areAHistogramWithBuckets() {
    http.get("/health/live");
    String metrics = scrape();

    assertTrue(metrics.contains("leadgate_http_requests_seconds_bucket{method=\"GET\",route=\"/health/live\",status=\"200\",le=\"0.005\"}"),
        metrics);
    assertTrue(metrics.contains("leadgate_http_requests_seconds_bucket{method=\"GET\",route=\"/health/live\",status=\"200\",le=\"+Inf\"}"),
        metrics);
  }

  @Test
  void storeCalls_haveALatencyHistogramPerOperation() {
    http.get("/health/ready");
    String metrics = scrape();

    assertTrue(metrics.contains("leadgate_store_latency_seconds_bucket{operation=\"ping\",outcome=\"ok\",le=\"0.001\"}"),
        metrics);
  }

  @Test
  void jvmAndProcessMetrics_areScraped() {
    String metrics = scrape();

    for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
        "jvm_classes_loaded_classes", "system_cpu_count", "process_cpu_usage", "process_uptime_seconds",
        "process_files_open_files")) {
      assertTrue(metrics.contains("\n" + name), () -> name + " missing from " + metrics);
    }
  }

  @Test
  void theRedisNode_isProbedFromStart_upWithItsPingLatencyRoleAndCounters() {
    String node = "node=\"127.0.0.1:" + redis.port() + "\"";
    String metrics = io.leadgate.testing.Eventually.until(MetricsScrapeTest::scrape,
        m -> m.contains("leadgate_redis_node_up{" + node + "} 1.0"), java.time.Duration.ofSeconds(30));

    for (String series : List.of("leadgate_redis_node_master{" + node + "} 1.0",
        "leadgate_redis_node_ping_seconds_count{" + node + "} ", "leadgate_redis_node_commands_total{" + node + "} ",
        "leadgate_redis_node_redirects_total{kind=\"moved\"," + node + "} 0.0",
        "leadgate_redis_node_error_replies_total{" + node + "} ", "leadgate_redis_node_keys{" + node + "} ")) {
      assertTrue(metrics.contains(series), () -> series + " missing from " + metrics);
    }
  }
}
