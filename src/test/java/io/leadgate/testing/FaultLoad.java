package io.leadgate.testing;

import io.leadgate.Gateway;
import io.leadgate.admin.ApiKeyAuth;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The traffic of a Redis fault test, and its accounting: one thread sending page views as fast as the answers come,
 * one submitting a form every 50 ms, a webhook endpoint for {@code lead.created} at an in-process receiver. It records
 * every answer's status (anything but 200, 202 and 503 with {@code Retry-After} is a problem), when each event and
 * lead was acknowledged, and then {@link #account} counts what was acknowledged and is not in the store, and the
 * webhooks the receiver got twice or never.
 */
public final class FaultLoad {
  public static final String KEY = "test-api-key-0123456789";
  static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";
  private final TestGateway gateway;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  /** Visitor (events) and email (leads) to the time their 2xx came, in {@link System#nanoTime()}. */
  private final Map<String, Long> ackedEvents = new ConcurrentHashMap<>();
  private final Map<String, Long> ackedEmails = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private volatile long faultAt;
  private volatile long last503Ms = -1;
  private volatile long repairedAt;
  private volatile long firstAckAfterRepairMs = -1;

  private FaultLoad(TestGateway gateway) {
    this.gateway = gateway;
  }

  /** The gateway's configuration for the load: site {@code acme}, form {@code ebook}, webhook {@code crm}. */
  public static String config(Receiver receiver) {
    return """
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
        """.formatted(ApiKeyAuth.hash(KEY), receiver.url("/hook"));
  }

  public static FaultLoad start(TestGateway gateway) {
    FaultLoad load = new FaultLoad(gateway);
    load.running.set(true);
    load.threads.add(new Thread(load::events, "fault-load-events"));
    load.threads.add(new Thread(load::forms, "fault-load-forms"));
    load.threads.forEach(Thread::start);
    return load;
  }

  /**
   * Waits until the load has had at least this many leads and events acknowledged, so that the fault meets
   * acknowledged writes to account for however slow a loaded machine makes the gateway; fails after {@code limit}.
   */
  public void awaitAcknowledged(int leads, int events, Duration limit) {
    Eventually.until(() -> ackedEmails.size() >= leads && ackedEvents.size() >= events, done -> done, limit);
  }

  /** Marks the moment of the fault: the times reported are from here. */
  public void fault() {
    faultAt = System.nanoTime();
  }

  /** Marks the moment the fault is repaired (the nodes started again): the first 2xx after it is timed from here. */
  public void repaired() {
    repairedAt = System.nanoTime();
  }

  public void stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** What the run cost, counted once the load has stopped and the projector has caught up. */
  public record Account(Map<Integer, Integer> statuses, List<String> problems, long last503Ms,
                        long firstAckAfterRepairMs, int eventsAcked, int eventsLost, int leadsAcked,
                        List<Long> leadsLostAckedMsBeforeFault, int webhooksDelivered, long webhooksDuplicated,
                        long webhooksMissed) {
    @Override
    public String toString() {
      return ("statuses %s; last 503 %d ms after the fault; first 2xx %d ms after the repair; "
          + "events acknowledged %d, lost %d; leads acknowledged %d, lost %d %s; "
          + "webhooks delivered %d, duplicated %d, missed %d").formatted(new TreeMap<>(statuses), last503Ms, firstAckAfterRepairMs, eventsAcked, eventsLost, leadsAcked,
              leadsLostAckedMsBeforeFault.size(), leadsLostAckedMsBeforeFault.isEmpty() ? ""
                  : "(acknowledged these ms before the fault: " + leadsLostAckedMsBeforeFault + ")",
              webhooksDelivered, webhooksDuplicated, webhooksMissed);
    }
  }

  public Account account(Receiver receiver) {
    Gateway g = gateway.gateway();
    Eventually.until(() -> await(g.stores().events().backlog()), n -> n == 0, Duration.ofSeconds(60));
    List<Long> leadsLost = new ArrayList<>();
    Set<String> leadIds = ConcurrentHashMap.newKeySet();
    ackedEmails.forEach((email, at) -> {
      var id = await(g.stores().leads().leadIdByEmail("acme", email));
      if (id.isEmpty() || await(g.stores().leads().lead(id.get())).isEmpty()) {
        leadsLost.add((faultAt - at) / 1_000_000);
      } else {
        leadIds.add(id.get());
      }
    });
    Collections.sort(leadsLost);
    int eventsLost = 0;
    for (String visitor : ackedEvents.keySet()) {
      if (await(g.stores().visitors().visitor("acme", visitor)).isEmpty()) {
        eventsLost++;
      }
    }
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    try {
      Eventually.until(() -> {
        receiver.received().forEach(r -> delivered.add(r.json().getString("lead")));
        return delivered.containsAll(leadIds);
      }, done -> done, Duration.ofSeconds(60));
    } catch (AssertionError e) {
      // counted as missed below
    }
    sleep(2000);
    Map<String, Integer> deliveries = new TreeMap<>();
    receiver.received().forEach(r -> deliveries.merge(r.id(), 1, Integer::sum));
    long duplicated = deliveries.values().stream().filter(n -> n > 1).count();
    long missed = leadIds.stream().filter(id -> !delivered.contains(id)).count();
    return new Account(new TreeMap<>(statuses), List.copyOf(problems), last503Ms, firstAckAfterRepairMs,
        ackedEvents.size(), eventsLost, ackedEmails.size(), leadsLost, deliveries.size(), duplicated, missed);
  }

  private void events() {
    while (running.get()) {
      String visitor = UUID.randomUUID().toString().replace("-", "");
      if (status(post("/e", new JsonObject().put("site", "acme").put("visitor", visitor)
          .put("id", "e" + visitor.substring(0, 20)).put("type", "pageview").put("url", "https://acme.com/"))) == 202) {
        ackedEvents.put(visitor, System.nanoTime());
      }
    }
  }

  private void forms() {
    while (running.get()) {
      String email = "p" + UUID.randomUUID().toString().substring(0, 12) + "@acme-corp.com";
      JsonObject body = new JsonObject().put("visitor", UUID.randomUUID().toString().replace("-", ""))
          .put("submission", "s-" + UUID.randomUUID()).put("page", "https://acme.com/ebook")
          .put("fields", new JsonObject().put("email", email));
      if (status(post("/f/ebook", body)) == 200) {
        ackedEmails.put(email, System.nanoTime());
      }
      sleep(50);
    }
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    try {
      return gateway.client().post(path)
          .putHeader("Content-Type", path.equals("/e") ? "text/plain" : "application/json")
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
    int status = response.statusCode();
    statuses.merge(status, 1, Integer::sum);
    long sinceFault = faultAt == 0 ? -1 : (System.nanoTime() - faultAt) / 1_000_000;
    if (status == 503 && sinceFault >= 0) {
      last503Ms = sinceFault;
    }
    if (status / 100 == 2 && repairedAt != 0 && firstAckAfterRepairMs < 0) {
      firstAckAfterRepairMs = (System.nanoTime() - repairedAt) / 1_000_000;
    }
    if (status == 503 && response.getHeader("Retry-After") == null) {
      problems.add("503 without Retry-After");
    }
    if (status >= 500 && status != 503) {
      problems.add(status + " " + response.bodyAsString());
    }
    return status;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
