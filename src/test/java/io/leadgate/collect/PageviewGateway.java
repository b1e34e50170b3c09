package io.leadgate.collect;

import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A gateway of site {@code acme} (any origin, a Redis timeout of 1 s) on a Redis that the test breaks: page views in,
 * and each visitor's count read back from the store.
 */
final class PageviewGateway implements AutoCloseable {
  private static final String YAML = """
      redis: {timeoutMs: 1000}
      sites: [{key: acme, allowedOrigins: ["*"]}]
      """;
  private final TestGateway gateway;
  private final Http http;

  private PageviewGateway(TestGateway gateway) {
    this.gateway = gateway;
    this.http = new Http(gateway.client());
  }

  /** @param transport {@code server.transport}: auto, io_uring or nio */
  static PageviewGateway start(String redisUrl, String transport) {
    return new PageviewGateway(TestGateway.start("server: {transport: " + transport + "}\n" + YAML, redisUrl));
  }

  Http http() {
    return http;
  }

  HttpResponse<Buffer> pageview(String visitor, String path) {
    JsonObject event = new JsonObject().put("site", "acme").put("visitor", visitor)
        .put("id", "e" + UUID.randomUUID().toString().replace("-", "")).put("type", "pageview")
        .put("url", "https://acme.com" + path);
    return http.post("/e", event.encode(), "Content-Type", "text/plain");
  }

  /** The visitor's page views in the store; -1 while the store does not answer. */
  long pageviews(String visitor) {
    try {
      return gateway.gateway().stores().visitors().visitor("acme", visitor).await(5, TimeUnit.SECONDS)
          .map(v -> v.counts().getLong("pageviews")).orElse(0L);
    } catch (Exception e) {
      return -1;
    }
  }

  @Override
  public void close() {
    gateway.close();
  }
}
