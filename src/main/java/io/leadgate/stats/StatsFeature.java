package io.leadgate.stats;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Feature;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;

/** The traffic report of a site over days: {@code GET /api/sites/{site}/stats}. */
public final class StatsFeature implements Feature {
  private final StatsRoutes routes;

  public StatsFeature(Map<String, SiteConfig> sites, StatsStore stats, Clock clock) {
    this.routes = new StatsRoutes(new StatsService(sites, stats, clock));
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
