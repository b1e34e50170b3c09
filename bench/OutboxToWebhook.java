import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.core.DomainEvent;
import io.leadgate.testing.TestGateway;
import io.leadgate.webhooks.Signer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outbox append → signed webhook received, in one JVM: a gateway (its dispatcher on Redis, or the in-memory store),
 * a local receiver that checks every signature, and lead events appended to the outbox at a steady rate, as the
 * lead scripts do. Prints p50/p90/p99/max of the time from the append to the webhook's arrival.
 *
 * <pre>
 * mvn -q -o -DskipTests package && mvn -q -o test-compile
 * java -cp target/leadgate.jar:target/test-classes bench/OutboxToWebhook.java [rate/s=50] [seconds=20] [redis|memory]
 * </pre>
 */
public class OutboxToWebhook {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Map<String, Long> SENT_AT = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean onRedis = args.length < 3 || args[2].equals("redis");
    int total = rate * seconds;

    Process redis = null;
    String redisUrl = null;
    if (onRedis) {
      int port = freePort();
      Path dir = Files.createTempDirectory("leadgate-bench-redis-");
      redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "everysec")
          .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
      redisUrl = "redis://127.0.0.1:" + port;
      waitForPort(port);
    }

    Vertx receiverVertx = Vertx.vertx();
    Signer verifier = new Signer(List.of(SECRET));
    Map<String, Long> sentAt = SENT_AT;
    List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger badSignatures = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    HttpServer receiver = receiverVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      long now = System.nanoTime();
      String id = request.getHeader("webhook-id");
      if (!verifier.verify(id, Long.parseLong(request.getHeader("webhook-timestamp")), body.getBytes(),
          request.getHeader("webhook-signature"))) {
        badSignatures.incrementAndGet();
      }
      Long sent = sentAt.remove(id);
      if (sent == null) {
        duplicates.incrementAndGet();
      } else {
        latenciesMicros.add((now - sent) / 1000);
      }
      request.response().setStatusCode(204).end();
    })).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);

    String yaml = """
        sites: [{key: bench, allowedOrigins: ["*"]}]
        apiKeys: [{name: bench, sha256: %s}]
        webhooks:
          - id: crm
            url: http://127.0.0.1:%d/hook
            secret: %s
            allowSubnets: [127.0.0.0/8]
            events: [lead.created]
        """.formatted(ApiKeyAuth.hash(UUID.randomUUID().toString()), receiver.actualPort(), SECRET);
    TestGateway gateway = TestGateway.start(yaml, redisUrl, Clock.systemUTC());
    System.out.printf("outbox -> webhook on %s: %d events at %d/s%n", onRedis ? "Redis" : "the in-memory store",
        total, rate);

    // Warm-up at the same rate, not measured: a fresh JVM's first requests are slow (JIT, first connections), and
    // a backlog left by them would be measured as latency. Measuring starts once every warm-up delivery arrived.
    int warmup = Math.max(rate * 5, 200);
    Map<String, Long> warmupSent = new ConcurrentHashMap<>();
    run(gateway, "warm-", warmup, rate, warmupSent);
    waitFor(() -> warmupSent.keySet().stream().noneMatch(sentAt::containsKey), 30);
    latenciesMicros.clear();
    duplicates.set(0);

    run(gateway, "lead-", total, rate, null);
    waitFor(() -> latenciesMicros.size() >= total, 30);

    List<Long> sorted = new ArrayList<>(latenciesMicros);
    Collections.sort(sorted);
    System.out.printf("received %d/%d, duplicates %d, bad signatures %d%n", sorted.size(), total, duplicates.get(),
        badSignatures.get());
    if (!sorted.isEmpty()) {
      System.out.printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", pct(sorted, 50), pct(sorted, 90),
          pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0);
    }
    gateway.close();
    receiverVertx.close().await(5, TimeUnit.SECONDS);
    if (redis != null) {
      redis.destroy();
      redis.waitFor(5, TimeUnit.SECONDS);
    }
    System.exit(sorted.size() == total && badSignatures.get() == 0 ? 0 : 1);
  }

  /** Appends {@code count} events at a steady {@code rate}, each timed from just before its append. */
  static void run(TestGateway gateway, String prefix, int count, int rate, Map<String, Long> ids) throws Exception {
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long wait = start + i * intervalNanos - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String id = append(gateway, prefix + i);
      if (ids != null) {
        ids.put(id, 0L);
      }
    }
  }

  static void waitFor(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  static String append(TestGateway gateway, String lead) {
    String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
    JsonObject data = new JsonObject().put("id", lead).put("site", "bench").put("email", lead + "@example.com")
        .put("stage", "lead").put("score", 5).put("fields", new JsonObject().put("company", "ACME"));
    SENT_AT.put(id, System.nanoTime());
    gateway.gateway().stores().outbox()
        .append(new DomainEvent(id, "lead.created", "bench", lead, 1, System.currentTimeMillis(), data));
    return id;
  }

  static double pct(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void waitForPort(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(25);
      }
    }
    throw new IllegalStateException("redis-server did not start on " + port);
  }
}
