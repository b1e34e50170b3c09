package io.leadgate.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Http;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/grafana-dashboard.json} queries only metrics a running gateway exposes: a gateway on Redis is given
 * events, a refused event, a form submission whose lead goes to one webhook that takes it and one that refuses it
 * (a dead letter), and a GC; then every metric name in the dashboard's {@code expr} fields must be in its scrape.
 */
class DashboardTest {
  static final Path DASHBOARD = Path.of("docker/grafana-dashboard.json");
  static final Pattern METRIC = Pattern.compile("\\b(?:leadgate|jvm|process|system)_[a-z0-9_]+\\b");
  static RedisServer redis;
  static Receiver crm;
  static Receiver broken;
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    crm = Receiver.start();
    broken = Receiver.start();
    broken.answer(request -> Reply.status(422));
    gateway = TestGateway.start("""
        sites: [{key: demo, allowedOrigins: ['*']}]
        secret: dashboard-test-secret-0123456789abcdef
        forms:
          - id: ebook
            site: demo
            kind: magnet
            fields: [{name: email, type: email, required: true}]
            magnet: {url: /demo/ebook.pdf}
        webhooks:
          - {id: crm, url: '%s', secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, allowSubnets: [127.0.0.0/8]}
          - {id: broken, url: '%s', secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, allowSubnets: [127.0.0.0/8]}
        """.formatted(crm.url("/hook"), broken.url("/hook")), redis.url());
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    crm.close();
    broken.close();
    redis.close();
  }

  /** Every metric name the dashboard's queries use. */
  static Set<String> queriedMetrics() throws IOException {
    List<String> exprs = new ArrayList<>();
    new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr").forEach(e -> exprs.add(e.asText()));
    assertTrue(exprs.size() > 15, () -> "expressions: " + exprs);
    Set<String> names = new TreeSet<>();
    for (String expr : exprs) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  static boolean scraped(String metrics, String name) {
    return Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics).find();
  }

  @Test
  void everyMetricTheDashboardQueries_isInAScrapeOfARunningGateway() throws IOException {
    http.post("/e", "{\"site\":\"demo\",\"visitor\":\"0123456789abcdef\",\"type\":\"pageview\",\"url\":\"https://a.io/\"}",
        "Content-Type", "text/plain");
    http.post("/e", "{\"site\":\"nosuch\",\"visitor\":\"0123456789abcdef\",\"type\":\"pageview\",\"url\":\"https://a.io/\"}",
        "Content-Type", "text/plain");
    assertEquals(200, http.post("/f/ebook", "{\"fields\":{\"email\":\"ada@acme.com\"}}",
        "Content-Type", "application/json").statusCode());
    System.gc();
    Set<String> queried = queriedMetrics();

    try {
      Eventually.until(() -> http.get("/metrics").bodyAsString(),
          m -> queried.stream().allMatch(name -> scraped(m, name)), Duration.ofSeconds(15));
    } catch (AssertionError | RuntimeException e) {
      String metrics = http.get("/metrics").bodyAsString();
      fail("the dashboard queries metrics the gateway does not expose: "
          + queried.stream().filter(name -> !scraped(metrics, name)).toList());
    }
    assertTrue(queried.size() > 10, queried::toString);
  }

  @Test
  void everyPanelQuery_hasALegend() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    for (JsonNode target : dashboard.findValues("targets")) {
      target.forEach(t -> assertTrue(!t.path("legendFormat").asText().isBlank(), () -> "no legend: " + t));
    }
  }
}
