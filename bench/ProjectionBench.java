import io.leadgate.collect.Backlog;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.collect.IntakeRate;
import io.leadgate.collect.ProjectionPacer;
import io.leadgate.collect.ErasedVisitorFilter;
import io.leadgate.collect.Projector;
import io.leadgate.core.KeyedHash;
import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Projector drain, alone: appends N realistic page views of V visitors to the event log of an empty Redis, then
 * deploys one projector (no listeners: no visitor is a lead) and waits for the log to drain (after an unmeasured
 * warm-up drain of {@code --warmup} events, for the JIT). Prints the drain
 * rate and the Redis CPU (INFO cpu, user + sys, of the server process) spent per projected event during the drain.
 * Start the Redis yourself, as in production (AOF, fsync every second), on a free port; the bench flushes it first.
 *
 * <pre>
 * redis-server --port 6390 --save "" --appendonly yes --appendfsync everysec --dir /tmp/pb --daemonize yes
 * java -cp target/leadgate.jar bench/ProjectionBench.java --redis redis://127.0.0.1:6390 \
 *     [--events 100000] [--visitors 20000] [--batch 64] [--partitions 2] [--warmup 30000]
 * </pre>
 *
 * The same file runs against an older build (its jar on the class path) as long as {@code Projector}'s constructor
 * is unchanged, so before and after are measured by the same code. {@code --batch} is in log entries; the events
 * are appended 500 at a time from outside an event loop, so an entry holds 32 of them.
 */
public class ProjectionBench {
  /** Nothing else runs: projection never yields. */
  private static final ProjectionPacer FLAT_OUT = new ProjectionPacer(new IntakeRate(), new Backlog(Long.MAX_VALUE),
      Long.MAX_VALUE, 1.0, Long.MAX_VALUE);

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>(Map.of("redis", "redis://127.0.0.1:6390", "events", "100000",
        "visitors", "20000", "batch", "64", "partitions", "2", "warmup", "30000"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int events = Integer.parseInt(opt.get("events"));
    int visitors = Integer.parseInt(opt.get("visitors"));
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: bench}]\ningest: {partitions: "
        + opt.get("partitions") + ", batchSize: " + opt.get("batch") + "}", "bench.yaml");
    config = config.withRedis(config.redis().withUrl(opt.get("redis")));

    Vertx vertx = Vertx.vertx();
    RedisStores stores = RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics())
        .await(10, TimeUnit.SECONDS);
    stores.client().send("flushall", Request.cmd(Command.FLUSHALL)).await(30, TimeUnit.SECONDS);
    stores = RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics())
        .await(10, TimeUnit.SECONDS); // groups again

    // a first, unmeasured drain warms the JIT up; the projector then waits on an empty log
    append(stores, Integer.parseInt(opt.get("warmup")), visitors);
    String warmup = vertx.deployVerticle(new Projector(stores.events(), stores.visitors(), stores.stats(),
        config.sitesByKey(), List.of(), new Metrics(), config.ingest().batchSize(), FLAT_OUT, noneErased(stores))).await(10, TimeUnit.SECONDS);
    awaitDrained(stores);
    vertx.undeploy(warmup).await(10, TimeUnit.SECONDS);
    Thread.sleep(1500); // its last blocking read returns empty

    append(stores, events, visitors);
    System.out.printf("appended %d page views of %d visitors; backlog %d%n", events, visitors,
        stores.events().backlog().await(10, TimeUnit.SECONDS));
    stores.client().send("resetstat", Request.cmd(Command.CONFIG).arg("RESETSTAT")).await(10, TimeUnit.SECONDS);
    double cpuBefore = redisCpuSeconds(stores);
    double sysBefore = redisCpu(stores, "used_cpu_sys:");
    long start = System.nanoTime();
    vertx.deployVerticle(new Projector(stores.events(), stores.visitors(), stores.stats(),
        config.sitesByKey(), List.of(), new Metrics(), config.ingest().batchSize(), FLAT_OUT, noneErased(stores))).await(10, TimeUnit.SECONDS);
    awaitDrained(stores);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = redisCpuSeconds(stores) - cpuBefore;
    double sys = redisCpu(stores, "used_cpu_sys:") - sysBefore;
    System.out.printf("drained %d events in %.2f s: %.0f events/s; Redis CPU %.2f s = %.1f us/event"
        + " (of which system %.1f)%n", events, seconds, events / seconds, cpu, cpu * 1e6 / events, sys * 1e6 / events);
    printCommandStats(stores, events);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** The projector's check of erased visitors, as the gateway runs it (none is erased here: every event is kept). */
  private static ErasedVisitorFilter noneErased(RedisStores stores) {
    return new ErasedVisitorFilter(stores.erasedVisitors(), new KeyedHash("bench-privacy-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static void awaitDrained(RedisStores stores) throws Exception {
    while (stores.events().backlog().await(10, TimeUnit.SECONDS) > 0) {
      Thread.sleep(20);
    }
  }

  /** Page views as the snippet sends them: a few per visitor, sessions of several pages, some campaign traffic. */
  private static void append(RedisStores stores, int events, int visitors) throws Exception {
    Random random = new Random(42);
    String run = UUID.randomUUID().toString().substring(0, 8);
    long now = System.currentTimeMillis();
    String[] paths = {"/", "/pricing", "/features", "/blog/redis-streams", "/blog/lead-scoring", "/docs/start",
        "/contact", "/about", "/customers", "/careers"};
    List<Event> chunk = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      String visitor = "v-" + run + "-" + random.nextInt(visitors);
      Map<String, String> utm = random.nextInt(5) == 0 ? Map.of("source", "newsletter", "medium", "email") : Map.of();
      String url = "https://bench.example" + paths[random.nextInt(paths.length)]
          + (utm.isEmpty() ? "" : "?utm_source=newsletter&utm_medium=email");
      chunk.add(new Event("evt-" + run + "-" + i, "bench", visitor, "s-" + visitor, EventType.PAGEVIEW, url, null,
          "A page title", random.nextBoolean() ? "https://www.google.com/" : null, utm, Map.of(), null, Map.of(),
          now, now + i, "203.0.113.0"));
      if (chunk.size() == 500) {
        stores.events().append(chunk).await(30, TimeUnit.SECONDS);
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      stores.events().append(chunk).await(30, TimeUnit.SECONDS);
    }
  }

  /** Where the server's time went, per projected event (INFO commandstats; scripts include their commands). */
  private static void printCommandStats(RedisStores stores, int events) throws Exception {
    String info = stores.client().send("info", Request.cmd(Command.INFO).arg("commandstats"))
        .await(10, TimeUnit.SECONDS).toString();
    System.out.println("command                 calls   us/call  us/event");
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      Map<String, String> stat = new HashMap<>();
      for (String pair : line.substring(line.indexOf(':') + 1).split(",")) {
        stat.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      System.out.printf("%-20s %8s %9s %9.1f%n", line.substring(8, line.indexOf(':')), stat.get("calls"),
          stat.get("usec_per_call"), Double.parseDouble(stat.get("usec")) / events);
    }
  }

  private static double redisCpuSeconds(RedisStores stores) throws Exception {
    return redisCpu(stores, "used_cpu_sys:") + redisCpu(stores, "used_cpu_user:");
  }

  /** One INFO cpu figure of the server process (its own threads, not its forks). */
  private static double redisCpu(RedisStores stores, String field) throws Exception {
    String info = stores.client().send("info", Request.cmd(Command.INFO).arg("cpu")).await(10, TimeUnit.SECONDS)
        .toString();
    double total = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field)) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }
}
