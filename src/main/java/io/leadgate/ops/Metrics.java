package io.leadgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's metrics, named and described once here and scraped at {@code /metrics} in Prometheus format:
 * JVM and process meters, request durations per route template, store latency, and each feature's counters.
 * Meters are thread-safe; one instance is shared by every event loop. The meters of the per-request path are
 * looked up in maps of their own: finding a meter by name and tags in the registry builds its id each time,
 * which cost more than the rest of the counting together.
 */
public final class Metrics {
  /** The route label of a request no route matched: one series for all of them, whatever the path. */
  public static final String UNMATCHED = "unmatched";
  /**
   * Buckets of the request and store latency histograms: from the sub-millisecond Redis call to the time-out.
   * Fixed buckets rather than Micrometer's percentile histogram: 14 series per route instead of ~70.
   */
  private static final Duration[] LATENCY_BUCKETS = Arrays.stream(new double[] {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10})
      .mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
  /** A client chooses the method: only these become series, others count as OTHER (bounded cardinality). */
  private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
  private static final int STATUSES = 600;
  /** The HELP text of every meter a feature creates by name; a name missing here is refused at its first use. */
  private static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("leadgate.identify", "Identify calls linking a visitor to a lead, by outcome"),
      Map.entry("leadgate.events.cookieless", "Events accepted without a visitor profile (before consent, GPC, DNT), by site"),
      Map.entry("leadgate.scoring.steps", "Scoring rounds applied to leads, by outcome"),
      Map.entry("leadgate.scoring.stage_changes", "Lead stage changes, by new stage and by whom (scoring or api)"),
      Map.entry("leadgate.forms.submissions", "Form submissions, by form and outcome"),
      Map.entry("leadgate.forms.spam", "Form submissions refused as spam, by form and defence"),
      Map.entry("leadgate.forms.rate_limited", "Form submissions refused by a rate limit, by form and key"),
      Map.entry("leadgate.forms.token", "Form submissions without a fresh form token, by form and state"),
      Map.entry("leadgate.forms.downloads", "Lead magnet download links followed, by outcome"),
      Map.entry("leadgate.downloads.ignored", "Downloads served but not recorded, by reason"),
      Map.entry("leadgate.webhooks.attempts", "Webhook delivery attempts, by endpoint and outcome"),
      Map.entry("leadgate.webhooks.attempt.latency", "Duration of one webhook HTTP attempt, by endpoint"),
      Map.entry("leadgate.webhooks.delivered", "Webhook messages answered 2xx, by endpoint"),
      Map.entry("leadgate.webhooks.lag", "Time from an event to its webhook delivery, by endpoint"),
      Map.entry("leadgate.webhooks.retrying", "Webhook attempts that failed and were scheduled again, by endpoint"),
      Map.entry("leadgate.webhooks.dead", "Webhook messages that became dead letters, by endpoint"),
      Map.entry("leadgate.webhooks.disabled", "Times a webhook endpoint was disabled, by endpoint"),
      Map.entry("leadgate.webhooks.queued", "Events fanned out to a webhook endpoint, by endpoint"),
      Map.entry("leadgate.webhooks.outbox.backlog", "Outbox entries not yet fanned out to the endpoints"),
      Map.entry("leadgate.webhooks.waiting", "Webhook jobs waiting, by endpoint and state (ready, retrying)"),
      Map.entry("leadgate.redis.node.up", "1 when the Redis node answered the last probe (every 5 s), 0 when not"),
      Map.entry("leadgate.redis.node.master", "1 when the Redis node was a master at the last probe, 0 for a replica"),
      Map.entry("leadgate.redis.node.ping", "Round trip of the probe's PING to one Redis node from this gateway"),
      Map.entry("leadgate.redis.node.probe.errors", "Probes of a Redis node that failed or timed out"),
      Map.entry("leadgate.redis.node.redirects",
          "MOVED and ASK redirects the Redis node answered to all its clients, by kind (INFO errorstats)"),
      Map.entry("leadgate.redis.node.error.replies",
          "Error replies the Redis node sent to all its clients, redirects included (INFO stats)"),
      Map.entry("leadgate.redis.node.commands", "Commands the Redis node processed for all its clients (INFO stats)"),
      Map.entry("leadgate.projection.full.speed", "Events a second projection keeps at full speed, learned from"
          + " rounds that read as much as a round may (0 before the first); intake above it is a surge, during which"
          + " projection waits (ProjectionPacer)"),
      Map.entry("leadgate.redis.node.keys", "Keys in the Redis node's database 0 at the last probe (INFO keyspace)"));

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong backlog = new AtomicLong();
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, Counter> hotCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> hotTimers = new ConcurrentHashMap<>();
  /** Per route template: per method, per status, the request timer (created on first use). */
  private final Map<String, AtomicReferenceArray<AtomicReferenceArray<Timer>>> requestTimers = new ConcurrentHashMap<>();

  public Metrics() {
    Gauge.builder("leadgate.events.backlog", backlog, AtomicLong::get)
        .description("Events stored but not yet projected (the intake refuses new ones past ingest.maxBacklog)")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /**
   * One answered request.
   *
   * @param route the route template that answered (e.g. {@code /f/:form}) or {@link #UNMATCHED}; never the raw
   *              path, so the series stay bounded by the routes the code declares
   */
  public void httpRequest(String route, String method, int status, long nanos) {
    int m = METHODS.indexOf(method);
    int methodIndex = m < 0 ? METHODS.size() : m;
    int statusIndex = status >= 0 && status < STATUSES ? status : 0;
    AtomicReferenceArray<AtomicReferenceArray<Timer>> byMethod = requestTimers.computeIfAbsent(route,
        r -> new AtomicReferenceArray<>(METHODS.size() + 1));
    AtomicReferenceArray<Timer> byStatus = byMethod.get(methodIndex);
    if (byStatus == null) {
      byMethod.compareAndSet(methodIndex, null, new AtomicReferenceArray<>(STATUSES));
      byStatus = byMethod.get(methodIndex);
    }
    Timer timer = byStatus.get(statusIndex);
    if (timer == null) {
      // Micrometer returns the registered timer when two threads race to create the same one
      timer = Timer.builder("leadgate.http.requests")
          .description("HTTP requests answered, by route template, method and status")
          .tags("route", route, "method", methodIndex < METHODS.size() ? METHODS.get(methodIndex) : "OTHER",
              "status", Integer.toString(statusIndex))
          .serviceLevelObjectives(LATENCY_BUCKETS)
          .register(registry);
      byStatus.set(statusIndex, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** @param site a configured site key (so the series are bounded by the configuration) */
  public void eventsAccepted(String site, int count) {
    hotCounters.computeIfAbsent("accepted " + site, k -> Counter.builder("leadgate.events.accepted")
        .description("Events accepted by the intake and stored, by site").tag("site", site).register(registry))
        .increment(count);
  }

  public void eventsRejected(String reason, int count) {
    Counter.builder("leadgate.events.rejected").description("Events refused by the intake, by reason")
        .tag("reason", reason).register(registry).increment(count);
  }

  public void eventsProjected(int count) {
    Counter.builder("leadgate.events.projected").description("Events projected into visitors, stats and scores")
        .register(registry).increment(count);
  }

  public void eventsDuplicate(int count) {
    Counter.builder("leadgate.events.duplicate").description("Events seen again by the projector and skipped")
        .register(registry).increment(count);
  }

  /** @param operation a name from the code, never from a request (so the series are bounded) */
  public void storeLatency(String operation, long nanos, boolean ok) {
    String outcome = ok ? "ok" : "error";
    hotTimers.computeIfAbsent(operation + " " + outcome, k -> Timer.builder("leadgate.store.latency")
            .description("Duration of one store (Redis) call, by operation and outcome")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void backlog(long events) {
    backlog.set(events);
  }

  /** A counter for a feature's own event (for example spam submissions by defence); its name is in {@code HELP}. */
  public Counter counter(String name, String... tags) {
    return Counter.builder(name).description(help(name)).tags(tags).register(registry);
  }

  /** A timer for a feature's own durations (for example webhook delivery lag per endpoint). */
  public Timer timer(String name, String... tags) {
    return Timer.builder(name).description(help(name)).tags(tags).serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  /**
   * A gauge for a feature's own level (for example webhook jobs waiting per endpoint): set the returned number and
   * the gauge reports it. Created once per name and tags; later calls return the same number.
   */
  public AtomicLong gauge(String name, String... tags) {
    return gauges.computeIfAbsent(name + Arrays.toString(tags), k -> {
      AtomicLong level = new AtomicLong();
      Gauge.builder(name, level, AtomicLong::get).description(help(name)).tags(Tags.of(tags)).register(registry);
      return level;
    });
  }

  /**
   * A count another process keeps (a Redis node's {@code INFO} counters), mirrored: set the returned number to the
   * count last read. It is a Prometheus counter; when the other process restarts and its count starts again from 0,
   * {@code rate()} and {@code increase()} treat the drop as a counter reset.
   */
  public AtomicLong mirroredCount(String name, String... tags) {
    return gauges.computeIfAbsent("count " + name + Arrays.toString(tags), k -> {
      AtomicLong count = new AtomicLong();
      FunctionCounter.builder(name, count, AtomicLong::get).description(help(name)).tags(Tags.of(tags))
          .register(registry);
      return count;
    });
  }

  public String scrape() {
    return registry.scrape();
  }

  private static String help(String name) {
    String help = HELP.get(name);
    if (help == null) {
      throw new IllegalArgumentException("metric " + name + " has no HELP text: describe it in Metrics.HELP");
    }
    return help;
  }
}
