package io.leadgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's metrics, named once here and scraped at {@code /metrics} in Prometheus format.
 * Meters are thread-safe; one instance is shared by every event loop. The meters of the per-request path are
 * looked up in a map of their own: finding a meter by name and tags in the registry builds its id each time,
 * which cost more than the rest of the counting together.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final java.util.Set<String> STANDARD_METHODS =
      java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
  private final AtomicLong backlog = new AtomicLong();
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, Counter> hotCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> hotTimers = new ConcurrentHashMap<>();

  public Metrics() {
    registry.gauge("leadgate.events.backlog", backlog);
  }

  public void httpRequest(String method, int status) {
    // a client chooses the method: only the standard ones become series, so it cannot create unbounded ones
    String tag = STANDARD_METHODS.contains(method) ? method : "OTHER";
    hotCounters.computeIfAbsent("http " + tag + " " + status, k ->
        registry.counter("leadgate.http.requests", "method", tag, "status", Integer.toString(status))).increment();
  }

  /** @param site a configured site key (so the series are bounded by the configuration) */
  public void eventsAccepted(String site, int count) {
    hotCounters.computeIfAbsent("accepted " + site, k -> registry.counter("leadgate.events.accepted", "site", site))
        .increment(count);
  }

  public void eventsRejected(String reason, int count) {
    registry.counter("leadgate.events.rejected", "reason", reason).increment(count);
  }

  public void eventsProjected(int count) {
    registry.counter("leadgate.events.projected").increment(count);
  }

  public void eventsDuplicate(int count) {
    registry.counter("leadgate.events.duplicate").increment(count);
  }

  /** @param operation a name from the code, never from a request (so the series are bounded) */
  public void storeLatency(String operation, long nanos, boolean ok) {
    String outcome = ok ? "ok" : "error";
    hotTimers.computeIfAbsent(operation + " " + outcome, k -> Timer.builder("leadgate.store.latency")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void backlog(long events) {
    backlog.set(events);
  }

  /** A counter for a feature's own event (for example spam submissions by defence). */
  public Counter counter(String name, String... tags) {
    return registry.counter(name, tags);
  }

  /** A timer for a feature's own durations (for example webhook delivery lag per endpoint). */
  public Timer timer(String name, String... tags) {
    return Timer.builder(name).tags(tags).register(registry);
  }

  /**
   * A gauge for a feature's own level (for example webhook jobs waiting per endpoint): set the returned number and
   * the gauge reports it. Created once per name and tags; later calls return the same number.
   */
  public AtomicLong gauge(String name, String... tags) {
    return gauges.computeIfAbsent(name + Arrays.toString(tags), k -> registry.gauge(name, Tags.of(tags), new AtomicLong()));
  }

  public String scrape() {
    return registry.scrape();
  }
}
