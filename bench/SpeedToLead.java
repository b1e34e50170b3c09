import io.leadgate.webhooks.Signer;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speed to lead, from the outside: lead-magnet forms are submitted to a running gateway at a steady rate, and a
 * local receiver (the gateway's webhook endpoint) checks each signed {@code lead.created} and matches it to its
 * submission by email. Prints p50/p90/p99/max from the moment a submit was sent to the moment its webhook arrived.
 * Run by bench/speed-to-lead.sh, which starts Redis and the gateway with a matching configuration.
 *
 * <pre>
 * java -cp target/leadgate.jar bench/SpeedToLead.java --gateway http://127.0.0.1:8080 --form bench \
 *     --receiver-port 9099 --secret whsec_... [--rate 20] [--seconds 30] [--warmup 5]
 * </pre>
 */
public class SpeedToLead {
  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>(Map.of("rate", "20", "seconds", "30", "warmup", "5",
        "origin", "https://bench.example"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String gateway = opt.get("gateway");
    String form = opt.get("form");
    int rate = Integer.parseInt(opt.get("rate"));
    int seconds = Integer.parseInt(opt.get("seconds"));
    int warmupSeconds = Integer.parseInt(opt.get("warmup"));
    Signer verifier = new Signer(List.of(opt.get("secret")));
    String run = UUID.randomUUID().toString().substring(0, 8);

    Vertx vertx = Vertx.vertx();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger badSignatures = new AtomicInteger();
    AtomicInteger unmatched = new AtomicInteger();
    vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      long now = System.nanoTime();
      boolean signed = verifier.verify(request.getHeader("webhook-id"),
          Long.parseLong(request.getHeader("webhook-timestamp")), body.getBytes(), request.getHeader("webhook-signature"));
      if (!signed) {
        badSignatures.incrementAndGet();
      }
      JsonObject event = body.toJsonObject();
      String email = event.getJsonObject("data", new JsonObject()).getString("email", "");
      Long sent = sentAt.remove(email);
      if (sent == null) {
        unmatched.incrementAndGet();
      } else {
        latencies.add((now - sent) / 1000);
      }
      request.response().setStatusCode(204).end();
    })).listen(Integer.parseInt(opt.get("receiver-port")), "127.0.0.1").await(5, TimeUnit.SECONDS);

    java.net.URI base = java.net.URI.create(gateway);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(32));
    List<Long> submitMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failedSubmits = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    // the webhook often arrives before the form's own answer: a phase ends when both are in
    AtomicInteger unanswered = new AtomicInteger();

    SubmitLoop loop = (prefix, count) -> {
      long interval = 1_000_000_000L / rate;
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long wait = start + i * interval - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String email = "bench-" + run + "-" + prefix + i + "@leadgate-bench.com";
        JsonObject submission = new JsonObject()
            .put("visitor", UUID.randomUUID().toString().replace("-", ""))
            .put("submission", UUID.randomUUID().toString().replace("-", ""))
            .put("page", opt.get("origin") + "/ebook")
            .put("fields", new JsonObject().put("email", email).put("company", "ACME Bench"));
        long sent = System.nanoTime();
        sentAt.put(email, sent);
        unanswered.incrementAndGet();
        client.post("/f/" + form).putHeader("Origin", opt.get("origin")).sendJsonObject(submission)
            .onSuccess(response -> {
              statuses.merge(response.statusCode(), 1, Integer::sum);
              submitMicros.add((System.nanoTime() - sent) / 1000);
              if (response.statusCode() >= 300) {
                failedSubmits.incrementAndGet();
                sentAt.remove(email);
              }
            })
            .onFailure(e -> {
              failedSubmits.incrementAndGet();
              sentAt.remove(email);
            })
            .onComplete(done -> unanswered.decrementAndGet()); // last: the answer is counted by then
      }
    };

    System.out.printf("speed to lead: %s/f/%s, %d submits/s for %ds (after %ds warm-up)%n", gateway, form, rate,
        seconds, warmupSeconds);
    loop.run("warm-", rate * warmupSeconds);
    waitFor(() -> sentAt.isEmpty() && unanswered.get() == 0, 30);
    if (statuses.containsKey(404)) {
      System.err.println("POST /f/" + form + " answered 404: this gateway has no forms endpoint (yet), or no form "
          + form + ". Merge the forms feature and configure the form (see bench/speed-to-lead.sh).");
      System.exit(2);
    }
    latencies.clear();
    submitMicros.clear();
    unmatched.set(0);
    statuses.clear();

    int total = rate * seconds;
    loop.run("run-", total);
    waitFor(() -> sentAt.isEmpty() && unanswered.get() == 0, 30);

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    List<Long> submits = new ArrayList<>(submitMicros);
    Collections.sort(submits);
    System.out.printf("submits %d, answered %s, failed %d; webhooks matched %d, unmatched %d, bad signatures %d%n",
        total, statuses, failedSubmits.get(), sorted.size(), unmatched.get(), badSignatures.get());
    if (!submits.isEmpty()) {
      System.out.printf("submit answered, ms:          p50 %6.1f  p99 %6.1f%n", pct(submits, 50), pct(submits, 99));
    }
    if (!sorted.isEmpty()) {
      System.out.printf("submit -> signed webhook, ms: p50 %6.1f  p90 %6.1f  p99 %6.1f  max %6.1f%n", pct(sorted, 50),
          pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
    System.exit(sorted.size() == total - failedSubmits.get() && badSignatures.get() == 0 ? 0 : 1);
  }

  interface SubmitLoop {
    void run(String prefix, int count) throws Exception;
  }

  static void waitFor(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  static double pct(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
  }
}
