package io.leadgate.funnel;

import io.leadgate.collect.ProjectionListener;
import io.leadgate.config.SiteConfig;
import io.leadgate.core.EventType;
import io.leadgate.core.Feature;
import io.leadgate.http.Access;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.leadgate.identity.LeadStore;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;

/**
 * The funnel report, {@code GET /api/sites/{site}/funnel?from=&to=} (role viewer), and the listener that indexes
 * each lead by the time of its first form (a FORM event from the projector; told again after a failure, the index
 * keeps the first time).
 */
public final class FunnelFeature implements Feature {
  private final FunnelService service;
  private final FunnelIndex index;

  public FunnelFeature(Map<String, SiteConfig> sites, FunnelIndex index, LeadStore leads, StatsStore stats,
                       Clock clock) {
    this.index = index;
    this.service = new FunnelService(sites, index, leads, stats, clock);
  }

  /** Indexes the lead of every form event. */
  public ProjectionListener listener() {
    return (event, recorded) -> event.type() == EventType.FORM && event.props().get("lead") instanceof String lead
        ? index.made(event.site(), lead, event.receivedAt())
        : Future.succeededFuture();
  }

  @Override
  public void mount(Router router) {
    Access.need(router.get("/api/sites/:site/funnel"), Role.VIEWER).handler(ctx -> Handlers.call(ctx,
        () -> service.report(ctx.pathParam("site"), ctx.queryParams().get("from"), ctx.queryParams().get("to")),
        out -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(out.encode())));
  }
}
