package io.leadgate.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Http;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code docker compose up} runs, without Docker: a redis-server given the compose file's users, and the
 * gateway started from {@code docker/leadgate.yaml} with the compose file's Redis URL (its host replaced by the local
 * server's), then asked what the compose comment promises.
 */
class DockerConfigTest {
  static final String DEMO_API_KEY = "demo-api-key-change-me";
  static RedisServer redis;
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    List<List<String>> users = new ArrayList<>(ComposeFile.read().redisUsers());
    // the default user last: once it is off, this harness's unauthenticated connections are refused
    users.sort(Comparator.comparing(rules -> rules.get(0).equals("default")));
    for (List<String> rules : users) {
      List<String> command = new ArrayList<>(List.of("ACL", "SETUSER"));
      command.addAll(rules);
      assertEquals("OK", redis.command(command.toArray(String[]::new)), () -> "ACL SETUSER " + rules);
    }
    gateway = TestGateway.startFromFile(Path.of("docker/leadgate.yaml"),
        ComposeFile.read().gatewayRedisUrl("127.0.0.1:" + redis.port()), Clock.systemUTC());
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    redis.close();
  }

  @Test
  void root_answersTheDemoPage() {
    HttpResponse<Buffer> response = http.get("/");

    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"));
  }

  @Test
  void leadApi_answersTheDemoKey() {
    HttpResponse<Buffer> response = http.get("/api/leads?site=demo", "Authorization", "Bearer " + DEMO_API_KEY);

    assertEquals(200, response.statusCode(), response::bodyAsString);
  }

  @Test
  void consoleUser_signsInWithTheDemoPassword() {
    HttpResponse<Buffer> response = http.post("/api/session",
        "{\"name\":\"demo\",\"password\":\"demo-console-change-me\"}", "Content-Type", "application/json",
        "Origin", "http://localhost:8080");

    assertEquals(200, response.statusCode(), response::bodyAsString);
    assertEquals("admin", response.bodyAsJsonObject().getString("role"));
  }

  @Test
  void demoForm_takesASubmission() {
    HttpResponse<Buffer> response = http.post("/f/ebook",
        "{\"fields\":{\"email\":\"ada@acme.com\",\"consent_privacy\":true}}", "Content-Type", "application/json",
        "Origin", "http://localhost:8080");

    assertEquals(200, response.statusCode(), response::bodyAsString);
  }

  @Test
  void gateway_isReadyOnRedisAsTheComposeUser() {
    HttpResponse<Buffer> response = http.get("/health/ready");

    assertEquals(200, response.statusCode(), response::bodyAsString);
    assertTrue(response.bodyAsJsonObject().getString("store").contains("redis"), response::bodyAsString);
  }

  @Test
  void redisNodeMetrics_areReadAsTheComposeUser_whoHasNoAdminCommands() {
    String node = "node=\"127.0.0.1:" + redis.port() + "\"";

    String metrics = io.leadgate.testing.Eventually.until(() -> http.get("/metrics").bodyAsString(),
        m -> m.contains("leadgate_redis_node_up{" + node + "} 1.0"), java.time.Duration.ofSeconds(30));

    assertTrue(metrics.contains("leadgate_redis_node_master{" + node + "} 1.0"), metrics);
  }

  @Test
  void redisWithoutAUser_isRefused() {
    assertTrue(redis.command("PING").startsWith("ERR:NOAUTH"), redis.command("PING"));
  }

  @Test
  void redisHealthCheck_answersAsTheHealthUser() throws IOException, InterruptedException {
    List<String> check = new ArrayList<>();
    ComposeFile.read().service("redis").path("healthcheck").path("test").forEach(arg -> check.add(arg.asText()));
    assertEquals("CMD", check.remove(0));
    check.addAll(1, List.of("-p", Integer.toString(redis.port())));

    Process cli = new ProcessBuilder(check).redirectErrorStream(true).start();
    assertTrue(cli.waitFor(10, TimeUnit.SECONDS));
    assertEquals("PONG", new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Test
  void images_arePinnedToExactVersions() throws IOException {
    List<String> images = new ArrayList<>(ComposeFile.read().images());
    Files.readAllLines(Path.of("docker/Dockerfile")).stream().filter(line -> line.startsWith("FROM "))
        .forEach(line -> images.add(line.split("\\s+")[1]));

    assertEquals(3, images.size(), images::toString);
    for (String image : images) {
      assertTrue(image.matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+[-_.a-z0-9]*"), () -> "not an exact version: " + image);
    }
  }

  @Test
  void imageHealthCheck_asksForReadiness() throws IOException {
    String dockerfile = Files.readString(Path.of("docker/Dockerfile"));

    assertTrue(dockerfile.contains("/health/ready"));
    assertFalse(dockerfile.contains("/health/live"));
  }
}
