package io.leadgate.demo;

import io.leadgate.webhooks.EndpointConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's CRM: an HTTP receiver in this process, on a free loopback port, that the demo's webhook endpoint
 * {@value #ENDPOINT} delivers to, so that the webhooks page has deliveries to show without a real CRM. It accepts
 * the messages and throws them away; one request in {@value #FAIL_EVERY} answers 503, so that failures and retries
 * show as well. It listens on its own port rather than as a route of the gateway: the gateway's port is not known
 * before the configuration is final (port 0, {@code LEADGATE_PORT}).
 */
public final class DemoCrm {
  public static final String ENDPOINT = "demo-crm";
  static final int FAIL_EVERY = 12;
  private static final String SECRET = "whsec_ZGVtby1jcm0tc2VjcmV0LWNoYW5nZS1tZS0wMTIzNDU=";

  private final HttpServer server;

  private DemoCrm(HttpServer server) {
    this.server = server;
  }

  public static Future<DemoCrm> start(Vertx vertx) {
    AtomicLong count = new AtomicLong();
    return vertx.createHttpServer()
        .requestHandler(request -> request.body().onComplete(body -> request.response()
            .setStatusCode(count.incrementAndGet() % FAIL_EVERY == 0 ? 503 : 204).end()))
        .listen(0, "127.0.0.1")
        .map(DemoCrm::new);
  }

  /** The webhook endpoint that delivers every lead event to this receiver. */
  public EndpointConfig endpoint() {
    return new EndpointConfig(ENDPOINT, "http://127.0.0.1:" + server.actualPort() + "/crm/leads", SECRET, null,
        null, null, null, null, null, null, null, List.of("127.0.0.1/32"), null,
        null, null, null);
  }

  public Future<Void> stop() {
    return server.close();
  }
}
