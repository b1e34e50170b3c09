package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.redis.RedisKeys;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An idle gateway on a cluster waits on one blocked read per loop, not one read per shard: the outbox and the ready
 * lines are read per shard only when a hint names the shard (and in a full sweep every 10 s).
 */
class IdleReadsOnClusterTest {
  static final RedisCluster cluster = RedisCluster.shared();

  @Test
  void idleGatewayOnACluster_readsItsStreamsAFewTimesASecond_notOncePerShardAndPoll() throws Exception {
    cluster.flush();
    try (Receiver receiver = Receiver.start();
         TestGateway ignored = WebhookHarness.start(cluster.url(), new TestClock(), "",
             WebhookHarness.endpoint("crm", receiver, "/hook", ""))) {
      DeliverySpec.sleep(2000);
      Map<String, Long> before = calls();
      long seconds = 10;
      DeliverySpec.sleep(seconds * 1000);
      Map<String, Long> after = calls();
      Map<String, Long> perCommand = new TreeMap<>();
      after.forEach((command, n) -> perCommand.put(command, n - before.getOrDefault(command, 0L)));
      perCommand.values().removeIf(n -> n == 0);
      double perSecond = perCommand.values().stream().mapToLong(Long::longValue).sum() / (double) seconds;
      System.out.printf("idle calls per second on the cluster, all masters: %.1f %s%n", perSecond, perCommand);
      double readsPerSecond = (perCommand.getOrDefault("xreadgroup", 0L) + perCommand.getOrDefault("xread", 0L))
          / (double) seconds;
      // the projector's partitions (2/s), the hint waits (up to 4/s), the full sweeps (outbox and one endpoint's ready
      // lines, every 10 s) and some slack; one read per shard and poll would be 2 x SHARDS x 4 a second (512 at 64)
      double bound = 9 + 2.0 * RedisKeys.SHARDS / 10;
      assertTrue(readsPerSecond < bound, "idle stream reads per second " + readsPerSecond + " " + perCommand);
    }
  }

  /** Calls per command summed over the masters ({@code INFO commandstats}), less this test's own INFO calls. */
  private static Map<String, Long> calls() {
    Map<String, Long> calls = new TreeMap<>();
    for (int port : cluster.masters()) {
      for (String line : io.leadgate.testing.RedisServer.command(port, "INFO", "commandstats").split("\r?\n")) {
        if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info")) {
          String command = line.substring("cmdstat_".length(), line.indexOf(':'));
          long n = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
          calls.merge(command, n, Long::sum);
        }
      }
    }
    return calls;
  }
}
