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
 * Every node of the cluster stopped at once while events, forms and webhooks flow, then started again from its AOF:
 * the gateway goes on without a restart, answers 503 with Retry-After meanwhile and never 500, and afterwards what
 * it acknowledged is there (docs/reliability.md). Stopped cleanly (SIGTERM) the nodes fsync their AOF and nothing
 * acknowledged is lost; killed ({@code kill -9}) with {@code appendfsync everysec}, a lead or an event acknowledged in
 * the last second or two may be lost on the master and its replica together, and the test bounds when.
 */
class ClusterRestartTest {
  /** How long before a crash an acknowledged write may not be on disk: {@code appendfsync everysec} (up to 2 s). */
  static final long FSYNC_WINDOW_MS = 2000;
  @RegisterExtension
  static final RedisCluster cluster = RedisCluster.perClass();
  Receiver receiver;
  TestGateway gateway;

  @BeforeEach
  void start() {
    cluster.flush();
    receiver = Receiver.start();
    gateway = TestGateway.start(FaultLoad.config(receiver), cluster.url());
  }

  @AfterEach
  void stop() {
    gateway.close();
    receiver.close();
  }

  @Test
  void everyNodeStoppedAndStartedFromItsAof_gatewayRecoversWithoutRestart_nothingAcknowledgedLost_never500()
      throws Exception {
    FaultLoad.Account account = restartUnderLoad(false);

    assertEquals(List.of(), account.leadsLostAckedMsBeforeFault(), "acknowledged leads lost");
    assertEquals(0, account.eventsLost(), "acknowledged events lost");
    assertEquals(0, account.webhooksMissed(), "stored leads whose lead.created never reached the receiver");
  }

  @Test
  void everyNodeKilledAndStartedFromItsAof_gatewayRecovers_onlyTheLastSecondsBeforeTheCrashCanBeLost_never500()
      throws Exception {
    FaultLoad.Account account = restartUnderLoad(true);

    assertTrue(account.leadsLostAckedMsBeforeFault().stream().allMatch(ms -> ms <= FSYNC_WINDOW_MS),
        "a lead lost was acknowledged longer than the fsync window before the crash: " + account);
    assertEquals(0, account.webhooksMissed(), "stored leads whose lead.created never reached the receiver");
  }

  private FaultLoad.Account restartUnderLoad(boolean crash) throws Exception {
    FaultLoad load = FaultLoad.start(gateway);
    // writes acknowledged before the fault, to look for afterwards (seconds on a quiet machine, more on a loaded one)
    load.awaitAcknowledged(5, 100, Duration.ofSeconds(90));
    load.fault();
    long stoppedAt = System.nanoTime();
    cluster.stopAll(crash);
    long stopMs = (System.nanoTime() - stoppedAt) / 1_000_000;
    Eventually.until(this::readiness, status -> status == 503, Duration.ofSeconds(10));
    FaultLoad.sleep(2000);
    load.repaired();
    long startedAt = System.nanoTime();
    cluster.startAll(Duration.ofSeconds(60));
    long healthyMs = (System.nanoTime() - startedAt) / 1_000_000;
    Eventually.until(this::readiness, status -> status == 200, Duration.ofSeconds(30));
    FaultLoad.sleep(3000);
    load.stop();

    FaultLoad.Account account = load.account(receiver);
    System.out.printf("cluster %s and restarted from AOF: stopping took %d ms, healthy %d ms after the start; %s%n",
        crash ? "killed (kill -9)" : "stopped (SIGTERM)", stopMs, healthyMs, account);
    assertTrue(account.problems().isEmpty(), "only 2xx and 503 with Retry-After: " + account.problems());
    assertTrue(account.statuses().keySet().stream().allMatch(s -> s == 200 || s == 202 || s == 503),
        account.toString());
    assertTrue(account.statuses().getOrDefault(503, 0) > 0, "the outage was seen: " + account);
    assertTrue(account.firstAckAfterRepairMs() >= 0, "the same gateway answered 2xx after the restart: " + account);
    return account;
  }

  private int readiness() {
    try {
      return gateway.client().get("/health/ready").send().await(5, TimeUnit.SECONDS).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
