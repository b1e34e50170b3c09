package io.leadgate.webhooks;

import io.leadgate.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The start-up half of the SSRF check: configuration validation already refused hosts that spell an internal
 * address; this resolves the names once and refuses the start when one resolves to an internal address (naming the
 * field, like any configuration error). A name that does not resolve yet only warns: the sender checks again before
 * every attempt.
 */
public final class EndpointResolution {
  private static final Logger LOG = Logger.getLogger(EndpointResolution.class.getName());

  private EndpointResolution() {
  }

  public static Future<Void> check(List<EndpointConfig> endpoints, SsrfGuard.Resolver resolver) {
    List<Future<Void>> checks = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      String field = "webhooks[" + i + "].url";
      Endpoint endpoint = Endpoint.of(endpoints.get(i), 0);
      checks.add(endpoint.guard().vet(endpoint.host(), resolver).<Void>mapEmpty().recover(e -> {
        if (e instanceof SsrfGuard.SsrfRefusedException) {
          return Future.failedFuture(new ConfigException(field, e.getMessage()));
        }
        LOG.warning(field + ": " + endpoint.host() + " does not resolve now (" + e.getMessage()
            + "); deliveries will be retried until it does");
        return Future.succeededFuture();
      }));
    }
    return Future.all(checks).mapEmpty();
  }

  public static Future<Void> check(Vertx vertx, List<EndpointConfig> endpoints) {
    return check(endpoints, WebhookSender.systemResolver(vertx));
  }
}
