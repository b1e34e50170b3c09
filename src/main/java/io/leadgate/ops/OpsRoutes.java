package io.leadgate.ops;

import io.leadgate.core.Backend;
import io.leadgate.core.Feature;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Liveness, readiness (the store answers) and the Prometheus scrape. */
public final class OpsRoutes implements Feature {
  private final Backend stores;
  private final Metrics metrics;

  public OpsRoutes(Backend stores, Metrics metrics) {
    this.stores = stores;
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/health/ready").handler(ctx -> stores.ping().onComplete(ping -> {
      if (ping.succeeded()) {
        ctx.json(new JsonObject().put("status", "ready").put("store", stores.describe()));
      } else {
        ctx.response().setStatusCode(503).putHeader("Retry-After", "5").putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", "unavailable").put("store", stores.describe()).encode());
      }
    }));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
  }
}
