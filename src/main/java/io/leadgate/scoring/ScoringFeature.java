package io.leadgate.scoring;

import io.leadgate.collect.ProjectionListener;
import io.leadgate.core.Feature;
import io.leadgate.identity.LeadBackfill;
import io.leadgate.identity.LeadFinder;
import io.leadgate.identity.LeadHistory;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.VisitorStore;
import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Lead scoring and qualification: the lead API ({@code /api/leads*}, {@code /api/scoring*}), the projection
 * listener that scores a lead's events, the watch that reloads the rules when the configuration file changes, and the
 * one-time rebuild of a score index written before it held ceilings.
 */
public final class ScoringFeature implements Feature {
  private final ScoringConfig config;
  private final ScoringService service;
  private final ScoringReloader reloader;
  private final LeadApiRoutes routes;
  private final Collection<String> sites;
  private long watch = -1;
  private LeadBackfill ceilings;

  /**
   * @param freeMail   whether a domain is a free-mail one (a fit rule)
   * @param configFile the file the gateway started from (rules are reloaded from it); null: none
   * @param parser     reads the scoring section out of that file's text
   */
  private final LeadsService leads;
  public ScoringFeature(ScoringConfig config, Map<String, ZoneId> siteZones, Predicate<String> freeMail, Path configFile,
                        ScoringReloader.Parser parser, LeadStore leads, LeadSearch leadSearch, ScoreStore scores,
                        VisitorStore visitors, Metrics metrics, Clock clock, Vertx vertx) {
    this.config = config;
    this.sites = List.copyOf(siteZones.keySet());
    ScoringRules rules = new ScoringRules(config, siteZones.keySet(), freeMail, clock);
    this.service = new ScoringService(leads, scores, visitors, rules, clock, metrics);
    this.reloader = new ScoringReloader(vertx, configFile, rules, parser);
    this.leads = new LeadsService(leads, scores, service, new LeadHistory(leads, visitors),
        new LeadFinder(leads, leadSearch), siteZones);
    this.routes = new LeadApiRoutes(this.leads, reloader, rules);
  }

  /** The lead API's reads (a lead's profile, lists). */
  public LeadsService leads() {
    return leads;
  }

  /** Scores each projected event of a lead. */
  public ProjectionListener listener() {
    return new ScoringListener(service);
  }

  /** The rules in force, lead scores and stages. */
  public ScoringService service() {
    return service;
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    if (config.watchSeconds() > 0) {
      watch = reloader.watch(config.watchSeconds() * 1000L);
    }
    ceilings = service.ceilingsBackfill(() -> vertx.timer(LeadBackfill.PAUSE_MS).mapEmpty());
    // not awaited: a failure is logged and waits for the next start
    ceilings.run(sites);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(Vertx vertx) {
    if (watch >= 0) {
      vertx.cancelTimer(watch);
    }
    if (ceilings != null) {
      ceilings.stop();
    }
    return Future.succeededFuture();
  }
}
