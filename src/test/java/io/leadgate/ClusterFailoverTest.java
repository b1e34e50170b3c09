package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.Eventually;
import io.leadgate.testing.FaultLoad;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A master of the cluster killed ({@code kill -9}) while events, forms and webhooks flow: its replica is promoted,
 * the gateway goes on without a restart, answers 503 with Retry-After meanwhile and never 500; no acknowledged lead
 * is lost (a lead write waits for a replica); acknowledged events lost and webhook duplicates are counted
 * (docs/reliability.md).
 */
class ClusterFailoverTest {
  @RegisterExtension
  static final RedisCluster cluster = RedisCluster.perClass();
  Receiver receiver;
  TestGateway gateway;

  @BeforeEach
  void start() {
    receiver = Receiver.start();
    gateway = TestGateway.start(FaultLoad.config(receiver), cluster.url());
  }

  @AfterEach
  void stop() {
    gateway.close();
    receiver.close();
  }

  @Test
  void masterKilledUnderLoad_replicaPromoted_readinessFollows_noAcknowledgedLeadLost_never500() throws Exception {
    FaultLoad load = FaultLoad.start(gateway);
    // writes acknowledged before the fault, to look for afterwards (seconds on a quiet machine, more on a loaded one)
    load.awaitAcknowledged(5, 100, Duration.ofSeconds(90));
    int victim = cluster.masters().get(0);
    long killedAt = System.nanoTime();
    load.fault();
    cluster.kill(victim);
    // readiness follows the cluster: not ready while a slot has no master
    Eventually.until(this::readiness, status -> status == 503, Duration.ofSeconds(10));
    // three masters again (the victim's replica promoted) and every slot served
    Eventually.until(() -> cluster.masters().size(), n -> n == 3, Duration.ofSeconds(30));
    cluster.awaitHealthy(Duration.ofSeconds(30));
    load.repaired();
    Eventually.until(this::readiness, status -> status == 200, Duration.ofSeconds(10));
    long healedMs = (System.nanoTime() - killedAt) / 1_000_000;
    FaultLoad.sleep(3000);
    load.stop();

    FaultLoad.Account account = load.account(receiver);
    System.out.printf("cluster failover: healthy again after %d ms; %s%n", healedMs, account);
    assertTrue(account.problems().isEmpty(), "only 2xx and 503 with Retry-After: " + account.problems());
    assertTrue(account.statuses().keySet().stream().allMatch(s -> s == 200 || s == 202 || s == 503), account.toString());
    assertEquals(List.of(), account.leadsLostAckedMsBeforeFault(), "acknowledged leads lost");
    assertEquals(0, account.webhooksMissed(), "acknowledged leads whose lead.created never reached the receiver");
  }

  private int readiness() {
    try {
      return gateway.client().get("/health/ready").send().await(5, TimeUnit.SECONDS).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
