package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.RedisCluster;
import io.leadgate.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  static final String KEY = "test-api-key-0123456789";
  static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";
  @RegisterExtension
  static final RedisCluster cluster = RedisCluster.perClass();
  Receiver receiver;
  TestGateway gateway;
  final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  final Map<String, Integer> beforeKill = new ConcurrentHashMap<>();
  volatile long killed;
  volatile long last503Ms = -1;
  final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    receiver = Receiver.start();
    gateway = TestGateway.start("""
        server: {trustedProxies: ["127.0.0.1"]}
        redis: {timeoutMs: 1000}
        secret: test-secret-0123456789abcdef0123456789
        sites: [{key: acme, allowedOrigins: ["*"]}]
        apiKeys: [{name: crm, sha256: %s}]
        forms:
          - id: ebook
            site: acme
            kind: newsletter
            fields: [{name: email, type: email, required: true}]
            spam: {minSeconds: 0}
            rateLimit: {perIp: 0, perEmail: 0}
        webhookDelivery: {claimAfter: 2s, pollInterval: 100ms, jitter: 0}
        webhooks:
          - {id: crm, url: "%s", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", allowSubnets: [127.0.0.0/8],
             events: [lead.created]}
        """.formatted(ApiKeyAuth.hash(KEY), receiver.url("/hook")), cluster.url());
  }

  @AfterEach
  void stop() {
    gateway.close();
    receiver.close();
  }

  @Test
  void masterKilledUnderLoad_replicaPromoted_readinessFollows_noAcknowledgedLeadLost_never500() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Set<String> ackedEvents = ConcurrentHashMap.newKeySet();
    Set<String> ackedEmails = ConcurrentHashMap.newKeySet();
    Thread events = new Thread(() -> {
      while (running.get()) {
        String visitor = UUID.randomUUID().toString().replace("-", "");
        if (status(post("/e", new JsonObject().put("site", "acme").put("visitor", visitor)
            .put("id", "e" + visitor.substring(0, 20)).put("type", "pageview").put("url", "https://acme.com/"))) == 202) {
          ackedEvents.add(visitor);
        }
      }
    });
    Thread forms = new Thread(() -> {
      while (running.get()) {
        String email = "p" + UUID.randomUUID().toString().substring(0, 12) + "@acme-corp.com";
        JsonObject body = new JsonObject().put("visitor", UUID.randomUUID().toString().replace("-", ""))
            .put("submission", "s-" + UUID.randomUUID()).put("page", "https://acme.com/ebook")
            .put("fields", new JsonObject().put("email", email));
        if (status(post("/f/ebook", body)) == 200) {
          ackedEmails.add(email);
        }
        sleep(50);
      }
    });
    events.start();
    forms.start();
    sleep(3000);
    int victim = cluster.masters().get(0);
    long killedAt = System.nanoTime();
    killed = killedAt;
    cluster.kill(victim);
    // readiness follows the cluster: not ready while a slot has no master
    Eventually.until(() -> readiness(), status -> status == 503, Duration.ofSeconds(10));
    // three masters again (the victim's replica promoted) and every slot served
    Eventually.until(() -> cluster.masters().size(), n -> n == 3, Duration.ofSeconds(30));
    cluster.awaitHealthy(Duration.ofSeconds(30));
    Eventually.until(() -> readiness(), status -> status == 200, Duration.ofSeconds(10));
    long healedMs = (System.nanoTime() - killedAt) / 1_000_000;
    sleep(3000);
    running.set(false);
    events.join();
    forms.join();

    // afterwards: everything acknowledged is there, or counted
    Eventually.until(() -> await(gateway.gateway().stores().events().backlog()), n -> n == 0, Duration.ofSeconds(60));
    int leadsLost = 0;
    Map<String, String> leadIds = new HashMap<>();
    for (String email : ackedEmails) {
      var id = await(gateway.gateway().stores().leads().leadIdByEmail("acme", email));
      if (id.isEmpty() || await(gateway.gateway().stores().leads().lead(id.get())).isEmpty()) {
        leadsLost++;
      } else {
        leadIds.put(id.get(), email);
      }
    }
    int eventsLost = 0;
    for (String visitor : ackedEvents) {
      if (await(gateway.gateway().stores().visitors().visitor("acme", visitor)).isEmpty()) {
        eventsLost++;
      }
    }
    Eventually.until(() -> receiver.received().size(), n -> n >= leadIds.size(), Duration.ofSeconds(60));
    sleep(2000);
    Map<String, Integer> deliveries = new TreeMap<>();
    receiver.received().forEach(r -> deliveries.merge(r.id(), 1, Integer::sum));
    long duplicates = deliveries.values().stream().filter(n -> n > 1).count();
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    receiver.received().forEach(r -> delivered.add(r.json().getString("lead")));
    long missed = leadIds.keySet().stream().filter(id -> !delivered.contains(id)).count();

    System.out.printf("cluster failover: healthy again after %d ms, last 503 at %d ms; before the kill %s; statuses %s; acknowledged events %d, lost %d; "
            + "acknowledged leads %d, lost %d; webhooks delivered %d, duplicated %d, missed %d%n",
        healedMs, last503Ms, new TreeMap<>(beforeKill), new TreeMap<>(statuses), ackedEvents.size(), eventsLost, ackedEmails.size(), leadsLost,
        deliveries.size(), duplicates, missed);
    assertTrue(problems.isEmpty(), "only 2xx and 503 with Retry-After: " + problems);
    assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 202 || s == 503), statuses.toString());
    assertEquals(0, leadsLost, "acknowledged leads lost");
    assertEquals(0, missed, "acknowledged leads whose lead.created never reached the receiver");
    assertTrue(ackedEmails.size() > 10 && ackedEvents.size() > 200, "load flowed");
  }

  private int readiness() {
    try {
      return gateway.client().get("/health/ready").send().await(5, TimeUnit.SECONDS).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    try {
      return gateway.client().post(path).putHeader("Content-Type", path.equals("/e") ? "text/plain" : "application/json")
          .putHeader("User-Agent", UA).putHeader("X-Forwarded-For", "10.9.0." + (path.length() + 1))
          .sendBuffer(Buffer.buffer(body.encode())).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      problems.add(path + ": no answer: " + e);
      return null;
    }
  }

  private int status(HttpResponse<Buffer> response) {
    if (response == null) {
      return -1;
    }
    statuses.merge(response.statusCode(), 1, Integer::sum);
    if (killed == 0) {
      beforeKill.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
    } else if (response.statusCode() == 503) {
      last503Ms = (System.nanoTime() - killed) / 1_000_000;
    }
    if (response.statusCode() == 503 && response.getHeader("Retry-After") == null) {
      problems.add("503 without Retry-After");
    }
    if (response.statusCode() >= 500 && response.statusCode() != 503) {
      problems.add(response.statusCode() + " " + response.bodyAsString());
    }
    return response.statusCode();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
