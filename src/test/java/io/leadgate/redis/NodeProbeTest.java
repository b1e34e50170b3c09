package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.config.RedisConfig;
import io.leadgate.ops.Metrics;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestRedis;
import io.leadgate.testing.Eventually;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-node metrics: every node of a cluster probed on its own, its redirects read from its own counters. */
class NodeProbeTest {
  final Vertx vertx = Vertx.vertx();
  final Metrics metrics = new Metrics();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void onACluster_everyMasterAndReplicaIsUp_withItsPingLatencyAndRole() throws Exception {
    RedisCluster cluster = RedisCluster.shared();
    NodeProbe probe = probe(TestRedis.config(cluster.url()));
    String scrape = roundsUntil(probe, m -> cluster.ports().stream()
        .allMatch(p -> m.contains("leadgate_redis_node_up{node=\"127.0.0.1:" + p + "\"} 1.0")));
    for (int port : cluster.ports()) {
      String node = "127.0.0.1:" + port;
      assertEquals(1, value(scrape, "leadgate_redis_node_up", node), scrape);
      assertTrue(value(scrape, "leadgate_redis_node_ping_seconds_count", node) >= 1, scrape);
      assertEquals(cluster.masters().contains(port) ? 1 : 0, value(scrape, "leadgate_redis_node_master", node));
    }
    probe.close();
  }

  @Test
  void aKeySentToTheWrongMaster_countsAMovedRedirectAtThatMaster() throws Exception {
    RedisCluster cluster = RedisCluster.shared();
    NodeProbe probe = probe(TestRedis.config(cluster.url()));
    int owner = cluster.masterOf("lg:{s07}:probe");
    int other = cluster.masters().stream().filter(p -> p != owner).findFirst().orElseThrow();
    String node = "127.0.0.1:" + other;
    roundsUntil(probe, m -> m.contains("leadgate_redis_node_up{node=\"" + node + "\"} 1.0"));
    double before = value(metrics.scrape(), "leadgate_redis_node_redirects_total", node, "moved");

    RedisServer.command(other, "GET", "lg:{s07}:probe");
    RedisServer.command(other, "GET", "lg:{s07}:probe");

    String scrape = roundsUntil(probe, m -> value(m, "leadgate_redis_node_redirects_total", node, "moved") > before);
    assertEquals(before + 2, value(scrape, "leadgate_redis_node_redirects_total", node, "moved"), scrape);
    assertTrue(value(scrape, "leadgate_redis_node_error_replies_total", node) >= 2, scrape);
    probe.close();
  }

  @Test
  void aServerThatStopsAnswering_readsDown_andCountsAFailedProbe() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      NodeProbe probe = probe(RedisConfig.standalone(server.url()));
      String node = "127.0.0.1:" + server.port();
      roundsUntil(probe, m -> m.contains("leadgate_redis_node_up{node=\"" + node + "\"} 1.0"));
      assertEquals(1, value(metrics.scrape(), "leadgate_redis_node_master", node));
      double failedBefore = value(metrics.scrape(), "leadgate_redis_node_probe_errors_total", node);

      server.stop();
      probe.round().await(10, TimeUnit.SECONDS);

      String scrape = metrics.scrape();
      assertEquals(0, value(scrape, "leadgate_redis_node_up", node), scrape);
      assertEquals(failedBefore + 1, value(scrape, "leadgate_redis_node_probe_errors_total", node), scrape);
      probe.close();
    }
  }

  /** Probes round after round until the scrape shows what the test waits for (a round can fail on a loaded machine). */
  private String roundsUntil(NodeProbe probe, Predicate<String> done) {
    return Eventually.until(() -> {
      try {
        probe.round().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return metrics.scrape();
    }, done, Duration.ofSeconds(30));
  }

  private NodeProbe probe(RedisConfig config) {
    return new NodeProbe(new RedisClient(vertx, config, metrics), metrics, 60_000, 1000);
  }

  /** The value of the series of {@code name} whose labels include {@code node} (and {@code kind}, if given). */
  static double value(String scrape, String name, String node, String... kind) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("node=\"" + node + "\"")
          && (kind.length == 0 || line.contains("kind=\"" + kind[0] + "\""))) {
        Matcher m = Pattern.compile(" ([-0-9.eE+]+)$").matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
      }
    }
    throw new AssertionError("no " + name + " for " + node + " in the scrape:\n" + scrape);
  }
}
