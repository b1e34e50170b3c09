package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Feature;
import io.leadgate.http.ClientIp;
import io.leadgate.identity.ConsentService;
import io.leadgate.identity.CookielessIds;
import io.leadgate.identity.VisitorStore;
import io.leadgate.ops.Metrics;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Intake and projection: {@code POST /e}, {@code GET /p.gif} and the snippet ({@code /s.js}) on every HTTP
 * instance; the backlog watch, the intake rate and the projector (with the listeners other features give it)
 * once per gateway instance.
 */
public final class CollectFeature implements Feature {
  private static final Logger LOG = Logger.getLogger(CollectFeature.class.getName());
  private final IngestConfig ingest;
  private final Map<String, SiteConfig> sites;
  private final EventLog events;
  private final VisitorStore visitors;
  private final StatsStore stats;
  private final List<ProjectionListener> listeners;
  private final Metrics metrics;
  private final Backlog backlog;
  private final IntakeRate intakeRate = new IntakeRate();
  private final CollectService service;
  private final CollectRoutes routes;
  private final SnippetRoutes snippet = SnippetRoutes.shipped();
  private long backlogWatch = -1;
  private long rateWatch = -1;
  private long speedWatch = -1;
  private final ErasedVisitorFilter erased;
  private String projector;

  /**
   * @param listeners  told of every projected event, after its visitor is recorded (scoring)
   * @param erased     drops the events of erased visitors before they are recorded (privacy)
   * @param cookieless the ids of page views counted without a visitor (before consent, GPC)
   * @param consents   records the snippet's consent answers on the visitor's lead
   */
  public CollectFeature(IngestConfig ingest, Map<String, SiteConfig> sites, ClientIp clientIp, EventLog events,
                        VisitorStore visitors, StatsStore stats, List<ProjectionListener> listeners, Metrics metrics,
                        Clock clock, ErasedVisitorFilter erased, CookielessIds cookieless,
                        ConsentService consents) {
    this.erased = erased;
    this.ingest = ingest;
    this.sites = Map.copyOf(sites);
    this.events = events;
    this.visitors = visitors;
    this.stats = stats;
    this.listeners = List.copyOf(listeners);
    this.metrics = metrics;
    this.backlog = new Backlog(ingest.maxBacklog());
    this.service = new CollectService(this.sites, events, BotFilter.shipped(), backlog, intakeRate, metrics,
        cookieless, consents);
    this.routes = new CollectRoutes(service, clientIp, clock);
  }

  /** The intake, for other ways in (the Segment-spec API): one backlog watch and intake rate for all of them. */
  public CollectService service() {
    return service;
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
    if (snippet != null) {
      snippet.mount(router);
    }
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    backlogWatch = backlog.watch(vertx, events, metrics);
    rateWatch = intakeRate.watch(vertx);
    ProjectionPacer pacer = new ProjectionPacer(intakeRate, backlog, ingest.busyAbove(), ingest.busyShare(),
        ingest.maxLagSeconds() * 1000L);
    AtomicLong fullSpeed = metrics.gauge("leadgate.projection.full.speed");
    speedWatch = vertx.setPeriodic(1000, t -> fullSpeed.set(Math.round(pacer.fullSpeed())));
    if (ingest.entriesPerRound() < ingest.batchSize()) {
      LOG.warning("ingest: each of " + ingest.partitions() + " partitions reads " + ingest.entriesPerRound()
          + " log entries a round, not ingest.batchSize " + ingest.batchSize() + ": the projector holds its rounds"
          + " in memory together, at most " + IngestConfig.ENTRIES_IN_FLIGHT + " entries (docs/operations.md)");
    }
    return vertx.deployVerticle(new Projector(events, visitors, stats, sites, listeners, metrics,
            ingest.entriesPerRound(), pacer, erased))
        .onSuccess(id -> projector = id)
        .mapEmpty();
  }

  @Override
  public Future<Void> stop(Vertx vertx) {
    vertx.cancelTimer(backlogWatch);
    vertx.cancelTimer(rateWatch);
    vertx.cancelTimer(speedWatch);
    return projector == null ? Future.succeededFuture() : vertx.undeploy(projector);
  }
}
