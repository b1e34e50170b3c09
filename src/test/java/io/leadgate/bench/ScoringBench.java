package io.leadgate.bench;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.identity.Conversion;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.Stage;
import io.leadgate.ops.Metrics;
import io.leadgate.scoring.LeadScorer;
import io.leadgate.scoring.Points;
import io.leadgate.scoring.ScoreDelta;
import io.leadgate.scoring.Thresholds;
import io.leadgate.scoring.ScoreStore;
import io.leadgate.Stores;
import io.leadgate.memory.MemoryStores;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast the scoring step runs: {@code mvn -o -q test -Dtest=ScoringBench -Dbench=true}. Not part of the suite.
 * Applies one-event steps to 1,000 leads with a fixed number in flight, and reports steps/s and latency percentiles.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ScoringBench {
  static final int LEADS = 1000;
  static final int STEPS = 50_000;
  static final Thresholds THRESHOLDS = new Thresholds(1_000_000, null, Set.of(), 30 * 86_400_000L, false);

  @Test
  void redis() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      redis.command("CONFIG", "SET", "appendonly", "no");
      Vertx vertx = Vertx.vertx();
      GatewayConfig config = new ConfigLoader().parse("sites: [{key: acme}]\nredis: {url: \"" + redis.url() + "\"}",
          "bench.yaml");
      Stores stores = Stores.of(RedisStores.start(vertx, config.redis(), config.ingest().partitions(), new Metrics())
          .await(20, TimeUnit.SECONDS));
      for (int inFlight : new int[] {1, 16, 64}) {
        run("redis", vertx, stores, inFlight);
      }
      for (String line : redis.command("INFO", "commandstats").split("\r?\n")) {
        if (line.contains("evalsha")) {
          System.out.println("BENCH redis server side: " + line);
        }
      }
      stores.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Events through the whole gateway (intake, projector, scoring) on Redis: leads' events against anonymous ones. */
  @Test
  void gateway() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      redis.command("CONFIG", "SET", "appendonly", "no");
      String yaml = """
          server: {trustedProxies: ["127.0.0.1"]}
          secret: bench-secret-0123456789abcdef0123456789
          sites: [{key: acme, allowedOrigins: ["*"]}]
          forms:
            - {id: ebook, site: acme, kind: magnet, fields: [{name: email, type: email, required: true}],
               magnet: {url: "https://cdn.acme.com/e.pdf"}, spam: {minSeconds: 0}, rateLimit: {perIp: 0, perEmail: 0}}
          scoring:
            halfLifeDays: 0
            mql: {score: 1000000}
            rules:
              - {id: ebook, event: form, form: ebook, points: 10}
              - {id: video, event: custom, name: video_played, points: 2}
              - {id: pricing, event: pageview, path: "/pricing*", points: 1}
          """;
      try (io.leadgate.testing.TestGateway gateway = io.leadgate.testing.TestGateway.start(yaml, redis.url())) {
        List<String> leadVisitors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          String visitor = String.format("%032x", i + 1);
          leadVisitors.add(visitor);
          JsonObject body = new JsonObject().put("visitor", visitor).put("submission", "submission-" + i)
              .put("fields", new JsonObject().put("email", "p" + i + "@acme.com"));
          gateway.client().post("/f/ebook").putHeader("X-Forwarded-For", "10.0." + (i / 200) + "." + (i % 200 + 1))
              .sendJsonObject(body).await(10, TimeUnit.SECONDS);
        }
        drain(gateway);
        List<String> anonymous = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          anonymous.add(String.format("%032x", 100_000 + i));
        }
        for (int round = 0; round < 2; round++) {
          blast(gateway, anonymous, "anonymous visitors");
          blast(gateway, leadVisitors, "leads (scored)");
        }
        String line = redis.command("INFO", "commandstats");
        for (String l : line.split("\\r?\\n")) {
          if (l.contains("evalsha")) {
            System.out.println("BENCH gateway server side: " + l);
          }
        }
      }
    }
  }

  private static void blast(io.leadgate.testing.TestGateway gateway, List<String> visitors, String who)
      throws Exception {
    int batches = 400;
    int perBatch = 50;
    long start = System.nanoTime();
    List<Future<?>> sent = new ArrayList<>();
    AtomicInteger n = new AtomicInteger();
    for (int b = 0; b < batches; b++) {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < perBatch; i++) {
        int k = n.incrementAndGet();
        String visitor = visitors.get(k % visitors.size());
        batch.add(new JsonObject().put("site", "acme").put("visitor", visitor).put("id", "b" + System.nanoTime() + k)
            .put("type", k % 2 == 0 ? "custom" : "pageview").put("name", "video_played")
            .put("url", k % 4 == 1 ? "https://www.acme.com/pricing" : "https://www.acme.com/blog"));
      }
      sent.add(gateway.client().post("/e").putHeader("Content-Type", "text/plain")
          .putHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120")
          .sendBuffer(io.vertx.core.buffer.Buffer.buffer(batch.encode())));
      if (sent.size() >= 16) {
        Future.all(new ArrayList<>(sent)).await(60, TimeUnit.SECONDS);
        sent.clear();
      }
    }
    Future.all(sent).await(60, TimeUnit.SECONDS);
    double accepted = (System.nanoTime() - start) / 1e9;
    drain(gateway);
    double seconds = (System.nanoTime() - start) / 1e9;
    int events = batches * perBatch;
    System.out.printf("BENCH gateway %s: %,d events accepted in %.2f s, projected%s in %.2f s = %,.0f events/s%n",
        who, events, accepted, who.startsWith("leads") ? " and scored" : "", seconds, events / seconds);
  }

  private static void drain(io.leadgate.testing.TestGateway gateway) throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    while (gateway.gateway().stores().events().backlog().await(10, TimeUnit.SECONDS) > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("projection did not catch up");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void memory() throws Exception {
    Vertx vertx = Vertx.vertx();
    Stores stores = Stores.of(new MemoryStores(vertx, Clock.systemUTC(), 2));
    run("memory", vertx, stores, 16);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void run(String name, Vertx vertx, Stores stores, int inFlight) throws Exception {
    List<String> leads = new ArrayList<>();
    LeadIds ids = new LeadIds();
    for (int i = 0; i < LEADS; i++) {
      Conversion c = new Conversion("acme", EmailAddress.parse("p" + i + "-" + inFlight + "@acme.com"), ids.get(),
          "submission-" + i, "visitor-" + i, "ebook", Stage.LEAD, new JsonObject().put("role", "CTO"), new JsonArray(),
          new JsonObject(), null, System.currentTimeMillis(), 3600);
      leads.add(stores.leads().findOrCreate(c).await(10, TimeUnit.SECONDS).lead().id());
    }
    ScoreStore scores = stores.scores();
    long[] latencies = new long[STEPS];
    AtomicInteger next = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    vertx.runOnContext(v -> {
      for (int i = 0; i < inFlight; i++) {
        step(scores, leads, latencies, next, finished, done);
      }
    });
    done.future().await(300, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    System.out.printf("BENCH %s in-flight %d: %,d steps in %.2f s = %,.0f steps/s; latency p50 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms%n", name, inFlight, STEPS, seconds, STEPS / seconds, latencies[STEPS / 2] / 1e6,
        latencies[STEPS * 99 / 100] / 1e6, latencies[STEPS - 1] / 1e6);
  }

  private void step(ScoreStore scores, List<String> leads, long[] latencies, AtomicInteger next,
                    AtomicInteger finished, Promise<Void> done) {
    int n = next.getAndIncrement();
    if (n >= STEPS) {
      return;
    }
    long at = System.currentTimeMillis();
    ScoreDelta step = new ScoreDelta(List.of(new ScoreDelta.ScoredEvent("bench-" + n, at, "20261124",
        List.of(new Points("rule-" + (n % 5), 5, 0)), Map.of(), "pageview /pricing")), null, false);
    long t0 = System.nanoTime();
    Future<?> applied = new LeadScorer(scores).apply(leads.get(n % leads.size()), step, THRESHOLDS, at);
    applied.onComplete(r -> {
      latencies[n] = System.nanoTime() - t0;
      if (r.failed()) {
        done.tryFail(r.cause());
        return;
      }
      if (finished.incrementAndGet() == STEPS) {
        done.tryComplete();
      } else {
        // a new tick: the in-memory store completes at once, and recursing would grow the stack per step
        io.vertx.core.Vertx.currentContext().runOnContext(v -> step(scores, leads, latencies, next, finished, done));
      }
    });
  }
}
