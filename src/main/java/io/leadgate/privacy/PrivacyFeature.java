package io.leadgate.privacy;

import io.leadgate.core.Feature;
import io.leadgate.core.KeyedHash;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Data rights (docs/privacy.md): export and erasure of a person, the retention of idle leads, the audit log. The
 * erasure orchestrates the features' own ports ({@link PrivacyPorts}); its runner and the retention sweep run on
 * every instance, coordinated by leases in the store.
 *
 * <p>{@link #auditTrail()} must be mounted before the routes it watches (right after the {@code /api/} guard).
 */
public final class PrivacyFeature implements Feature {
  private static final Logger LOG = Logger.getLogger(PrivacyFeature.class.getName());
  /** How often each instance looks for erasures to take up (interrupted ones, or another instance's that died). */
  static final long RESUME_EVERY_MS = 30_000;
  private final PrivacyService service;
  private final PrivacyRoutes routes;
  private final AuditTrail trail;
  private final RetentionSweep retention;
  private final boolean sweeps;
  private long resumeTimer = -1;
  private long sweepTimer = -1;

  /**
   * @param hash          keys the hashes of emails and visitor ids (tombstones, {@code lead.erased}, audit subjects)
   * @param sites         every site's key
   * @param retentionDays the sites that set {@code leadRetentionDays}, with the days
   * @param endpoints     every configured webhook endpoint's id
   */
  public PrivacyFeature(PrivacyPorts ports, KeyedHash hash, List<String> sites, Map<String, Integer> retentionDays,
                        List<String> endpoints, Clock clock) {
    ErasureRunner runner = new ErasureRunner(ports.erasures(), new ErasureSteps(ports, clock), ports.audit(), clock);
    this.service = new PrivacyService(new ExportService(ports, endpoints, clock),
        new ErasurePlanner(ports, hash, endpoints), runner, ports.erasures(), ports.audit(), sites, clock);
    this.routes = new PrivacyRoutes(service);
    this.trail = new AuditTrail(ports.audit(), clock);
    this.retention = new RetentionSweep(retentionDays, ports.leads(), ports.visitors(), ports.erasures(), service,
        clock);
    this.sweeps = !retentionDays.isEmpty();
  }

  public PrivacyService service() {
    return service;
  }

  /** The audit log's watch on {@code /api/*}: a feature of its own, listed before the routes it watches. */
  public Feature auditTrail() {
    return Feature.routes(trail::mount);
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    resumeTimer = vertx.setPeriodic(RESUME_EVERY_MS, t -> service.resume()
        .onFailure(e -> LOG.warning("taking up erasures: " + e.getMessage())));
    if (sweeps) {
      sweepTimer = vertx.setPeriodic(1000, RetentionSweep.PERIOD_MS, t -> retention.sweep()
          .onFailure(e -> LOG.warning("lead retention sweep: " + e.getMessage())));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(Vertx vertx) {
    vertx.cancelTimer(resumeTimer);
    vertx.cancelTimer(sweepTimer);
    return Future.succeededFuture();
  }

  /** Runs the retention sweep now (tests; the timer runs it every hour). */
  public Future<Integer> sweepRetention() {
    return retention.sweep();
  }
}
