import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for bench/memory.sh and bench/footprint.sh: anonymous visitors as the snippet makes them (32-hex visitor and
 * event ids), each sending its page views in one batch to POST /e, then (optionally) some of them submitting a form.
 *
 * <pre>java bench/MemoryLoad.java BASE_URL RUN FIRST_VISITOR VISITORS VIEWS LEADS [FORM]</pre>
 *
 * A visitor lands on one of four campaign pages (utm tags in the URL and in the event, an external referrer), then
 * moves through a 12-page site (each page with its title; the referrer is the page before). The same seed gives the
 * same visits. Prints "accepted=N leads=M" and exits non-zero if any answer was not 202/200.
 */
public class MemoryLoad {
  static final String ORIGIN = "https://www.acme-example.com";
  static final String[][] LANDINGS = {
      {"/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=q4-launch", "Pricing - ACME Analytics for B2B teams",
          "newsletter", "email", "q4-launch", "https://mail.google.com/"},
      {"/blog/how-to-qualify-leads-without-a-crm?utm_source=linkedin&utm_medium=social&utm_campaign=evergreen",
          "How to qualify leads without a CRM - ACME blog", "linkedin", "social", "evergreen",
          "https://www.linkedin.com/"},
      {"/case-studies/northwind-doubled-demo-requests?utm_source=google&utm_medium=cpc&utm_campaign=brand-2026",
          "Case study: Northwind doubled its demo requests - ACME", "google", "cpc", "brand-2026",
          "https://www.google.com/"},
      {"/resources/whitepaper-b2b-funnel-benchmarks-2026", "Whitepaper: B2B funnel benchmarks 2026 - ACME resources",
          null, null, null, "https://www.google.com/"},
  };
  static final String[][] PAGES = {
      {"/", "ACME Analytics - lead tracking for B2B teams"},
      {"/pricing", "Pricing - ACME Analytics for B2B teams"},
      {"/features", "Features - ACME Analytics"},
      {"/features/lead-scoring", "Lead scoring - ACME Analytics"},
      {"/integrations/salesforce", "Salesforce integration - ACME Analytics"},
      {"/customers", "Customers - ACME Analytics"},
      {"/case-studies/northwind-doubled-demo-requests", "Case study: Northwind doubled its demo requests - ACME"},
      {"/blog", "The ACME blog"},
      {"/blog/how-to-qualify-leads-without-a-crm", "How to qualify leads without a CRM - ACME blog"},
      {"/docs/getting-started", "Getting started - ACME docs"},
      {"/about", "About us - ACME Analytics"},
      {"/contact", "Contact sales - ACME Analytics"},
  };

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String run = args[1];
    int first = Integer.parseInt(args[2]);
    int visitors = Integer.parseInt(args[3]);
    int views = Integer.parseInt(args[4]);
    int leads = Integer.parseInt(args[5]);
    String form = args.length > 6 ? args[6] : "ebook";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Semaphore inFlight = new Semaphore(16);
    AtomicLong accepted = new AtomicLong();
    AtomicLong made = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int v = first; v < first + visitors; v++) {
      inFlight.acquire();
      HttpRequest request = post(base + "/e", "text/plain;charset=UTF-8", visit(run, v, views));
      all.add(send(http, request, 0).whenComplete((response, error) -> {
        inFlight.release();
        if (error == null && response.statusCode() == 202) {
          accepted.addAndGet(Long.parseLong(response.body().replaceAll("\\D", "")));
        } else {
          failed.incrementAndGet();
          System.err.println(error != null ? error : response.statusCode() + " " + response.body());
        }
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    all.clear();
    for (int v = first; v < first + leads; v++) {
      inFlight.acquire();
      String body = "{\"visitor\":\"" + hex(run, v, 0) + "\",\"submission\":\"" + hex(run, v, 999) + "\",\"page\":\""
          + ORIGIN + "/resources/whitepaper-b2b-funnel-benchmarks-2026\",\"fields\":{\"email\":\"person" + v + "."
          + run + "@company" + (v % 997) + ".example.com\",\"name\":\"Person " + v + "\",\"company\":\"Company "
          + (v % 997) + "\",\"consent_privacy\":true,\"website\":\"\"}}";
      all.add(send(http, post(base + "/f/" + form, "application/json", body), 0)
          .whenComplete((response, error) -> {
            inFlight.release();
            if (error == null && response.statusCode() == 200) {
              made.incrementAndGet();
            } else {
              failed.incrementAndGet();
              System.err.println(error != null ? error : response.statusCode() + " " + response.body());
            }
          }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    System.out.println("accepted=" + accepted.get() + " leads=" + made.get() + " failed=" + failed.get()
        + " retried-after-503=" + retries.get());
    System.exit(failed.get() == 0 ? 0 : 1);
  }

  /** Sends, and sends again after a 503 (a store call that was too slow on a busy machine), as the snippet would. */
  static CompletableFuture<HttpResponse<String>> send(HttpClient http, HttpRequest request, int attempt) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
      if (response.statusCode() != 503 || attempt >= 30) {
        return CompletableFuture.completedFuture(response);
      }
      retries.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> null,
              CompletableFuture.delayedExecutor(200L * (attempt + 1), java.util.concurrent.TimeUnit.MILLISECONDS))
          .thenCompose(v -> send(http, request, attempt + 1));
    });
  }

  static final AtomicLong retries = new AtomicLong();

  static HttpRequest post(String url, String type, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type).header("Origin", ORIGIN)
        .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** A visitor's page views as one JSON batch. */
  static String visit(String run, int v, int views) {
    Random random = new Random(v * 7919L + 17);
    String[] landing = LANDINGS[v % LANDINGS.length];
    StringBuilder batch = new StringBuilder("[");
    String previous = landing[5];
    long ts = 1_795_000_000_000L + v * 1000L;
    for (int i = 0; i < views; i++) {
      String url;
      String title;
      String utm = "";
      if (i == 0) {
        url = ORIGIN + landing[0];
        title = landing[1];
        if (landing[2] != null) {
          utm = ",\"utm\":{\"source\":\"" + landing[2] + "\",\"medium\":\"" + landing[3] + "\",\"campaign\":\""
              + landing[4] + "\"}";
        }
      } else {
        String[] page = PAGES[random.nextInt(PAGES.length)];
        url = ORIGIN + page[0];
        title = page[1];
      }
      batch.append(i == 0 ? "" : ",").append("{\"site\":\"bench\",\"visitor\":\"").append(hex(run, v, 0))
          .append("\",\"session\":\"").append(hex(run, v, 1000)).append("\",\"id\":\"").append(hex(run, v, i + 1))
          .append("\",\"type\":\"pageview\",\"url\":\"").append(url).append("\",\"title\":\"").append(title)
          .append("\",\"referrer\":\"").append(previous).append('"').append(utm).append(",\"ts\":")
          .append(ts + i * 20_000L).append(",\"props\":{\"lang\":\"en-US\",\"screen\":\"1920x1080\"}}");
      previous = url;
    }
    return batch.append(']').toString();
  }

  /** 32 hex characters, as the snippet's ids, the same for the same (run, visitor, n). */
  static String hex(String run, int v, int n) {
    Random random = new Random((run.hashCode() * 1_000_003L + v) * 10_007L + n);
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }
}
