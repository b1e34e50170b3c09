package io.leadgate.forms;

import io.leadgate.http.Access;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.vertx.ext.web.Router;

/** {@code GET /api/sites/{site}/forms?from=&to=}: the forms report of a site (role viewer). */
final class FormsReportRoutes {
  private final FormsReport report;

  FormsReportRoutes(FormsReport report) {
    this.report = report;
  }

  void mount(Router router) {
    Access.need(router.get("/api/sites/:site/forms"), Role.VIEWER).handler(ctx -> Handlers.call(ctx,
        () -> report.report(ctx.pathParam("site"), ctx.queryParams().get("from"), ctx.queryParams().get("to")),
        out -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(out.encode())));
  }
}
