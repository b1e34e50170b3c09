package io.leadgate.webhooks;

import io.leadgate.core.Feature;
import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Webhook delivery: the delivery API ({@code /api/webhooks*}) and, when any endpoint is configured, one dispatcher
 * per gateway instance (all instances share the work).
 */
public final class WebhooksFeature implements Feature {
  private final List<EndpointConfig> endpoints;
  private final DeliveryConfig delivery;
  private final OutboxReader outbox;
  private final WebhookStore store;
  private final DeliveryLog log;
  private final Metrics metrics;
  private final Clock clock;
  private final WebhookRoutes routes;
  private String dispatcher;

  public WebhooksFeature(List<EndpointConfig> endpoints, DeliveryConfig delivery, OutboxReader outbox,
                         WebhookStore store, DeliveryLog log, Metrics metrics, Clock clock) {
    this.endpoints = List.copyOf(endpoints);
    this.delivery = delivery;
    this.outbox = outbox;
    this.store = store;
    this.log = log;
    this.metrics = metrics;
    this.clock = clock;
    this.routes = new WebhookRoutes(new WebhookService(this.endpoints, store, log, clock, delivery.logMax()));
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    if (endpoints.isEmpty()) {
      return Future.succeededFuture();
    }
    double jitter = delivery.jitter();
    List<Endpoint> resolved = endpoints.stream().map(e -> Endpoint.of(e, jitter)).toList();
    Dispatcher deployed = new Dispatcher(outbox, store, log, resolved, delivery, clock, metrics, null,
        () -> ThreadLocalRandom.current().nextDouble());
    return vertx.deployVerticle(deployed).onSuccess(id -> dispatcher = id).mapEmpty();
  }

  @Override
  public Future<Void> stop(Vertx vertx) {
    return dispatcher == null ? Future.succeededFuture() : vertx.undeploy(dispatcher);
  }
}
