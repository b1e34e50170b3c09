package io.leadgate.bench;

import io.leadgate.config.ConfigLoader;
import io.leadgate.config.GatewayConfig;
import io.leadgate.identity.Conversion;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.Stage;
import io.leadgate.ops.Metrics;
import io.leadgate.scoring.Points;
import io.leadgate.scoring.ScoreDelta;
import io.leadgate.scoring.Thresholds;
import io.leadgate.store.ScoreStore;
import io.leadgate.store.Stores;
import io.leadgate.store.memory.MemoryStores;
import io.leadgate.store.redis.RedisStores;
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
      Stores stores = RedisStores.start(vertx, config, new Metrics()).await(20, TimeUnit.SECONDS);
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

  @Test
  void memory() throws Exception {
    Vertx vertx = Vertx.vertx();
    Stores stores = new MemoryStores(vertx, Clock.systemUTC(), 2);
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
    Future<?> applied = scores.apply(leads.get(n % leads.size()), step, THRESHOLDS, at);
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
