package io.leadgate.stats;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.http.Access;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/sites/{site}/stats?from=&to=}: a site's traffic report, behind {@link ApiKeyAuth}. */
public final class StatsRoutes {
  private final StatsService stats;

  public StatsRoutes(StatsService stats) {
    this.stats = stats;
  }

  /** Mounts the route; {@link ApiKeyAuth} must be mounted on {@code /api/*} before it. */
  public void mount(Router router) {
    Access.need(router.get("/api/sites/:site/stats"), Role.VIEWER).handler(this::report);
  }

  private void report(RoutingContext ctx) {
    Handlers.call(ctx, () -> stats.report(ctx.pathParam("site"), ctx.queryParams().get("from"),
            ctx.queryParams().get("to")),
        report -> ctx.response().putHeader("Content-Type", "application/json").end(report.encode()));
  }
}
