package io.leadgate.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Main;
import io.leadgate.testing.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the image runs it, in a process of its own: {@code Main --config docker/leadgate.yaml} with the
 * image's JVM flags and the compose file's Redis URL (its host replaced by a local redis-server given the compose
 * file's users). Docker itself cannot run here; everything it would add is the network and the file system.
 */
class ComposeGatewayProcessTest {
  static RedisServer redis;
  static Process gateway;
  static int port;
  static final StringBuffer output = new StringBuffer();
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
    ComposeFile compose = ComposeFile.read();
    for (List<String> rules : compose.redisUsers()) {
      if (!rules.get(0).equals("default")) {
        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER"));
        command.addAll(rules);
        redis.command(command.toArray(String[]::new));
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", "docker/leadgate.yaml")
        .redirectErrorStream(true);
    builder.environment().remove("LEADGATE_CONFIG");
    builder.environment().put("LEADGATE_REDIS_URL", compose.gatewayRedisUrl("127.0.0.1:" + redis.port()));
    builder.environment().put("LEADGATE_PORT", Integer.toString(port));
    builder.environment().put("JAVA_TOOL_OPTIONS", imageJvmFlags());
    gateway = builder.start();
    CompletableFuture.runAsync(() -> new BufferedReader(new InputStreamReader(gateway.getInputStream(),
        StandardCharsets.UTF_8)).lines().forEach(line -> output.append(line).append('\n')));
    Instant deadline = Instant.now().plusSeconds(30);
    while (!output.toString().contains("listening on") && gateway.isAlive() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertTrue(output.toString().contains("listening on"), output::toString);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    gateway.destroy();
    gateway.waitFor(10, TimeUnit.SECONDS);
    redis.close();
  }

  /** The JVM flags the Dockerfile sets ({@code ENV JAVA_TOOL_OPTIONS=...}). */
  static String imageJvmFlags() throws Exception {
    Matcher m = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"").matcher(Files.readString(Path.of("docker/Dockerfile")));
    assertTrue(m.find(), "the Dockerfile sets no JAVA_TOOL_OPTIONS");
    return m.group(1);
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void root_answersTheDemoPage() throws Exception {
    HttpResponse<String> response = get("/");

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("<html"), response.body());
  }

  @Test
  void leadApi_answersTheDemoKey() throws Exception {
    HttpResponse<String> response = get("/api/leads?site=demo", "Authorization", "Bearer demo-api-key-change-me");

    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void readiness_isUpOnTheComposeRedisUser() throws Exception {
    assertEquals(200, get("/health/ready").statusCode());
  }

  @Test
  void theJvm_runsWithTheImagesFlags() throws Exception {
    assertTrue(output.toString().contains("Picked up JAVA_TOOL_OPTIONS: " + imageJvmFlags()), output::toString);
  }

  @Test
  void composeAndImage_setTheSameJvmFlags() throws Exception {
    assertEquals(imageJvmFlags(),
        ComposeFile.read().service("gateway").path("environment").path("JAVA_TOOL_OPTIONS").asText());
  }
}
