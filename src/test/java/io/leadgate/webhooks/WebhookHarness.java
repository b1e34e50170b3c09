package io.leadgate.webhooks;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.core.DomainEvent;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A gateway with webhook endpoints pointing at an in-process receiver, its clock in the test's hands. */
final class WebhookHarness {
  static final String SECRET = SignerTest.SPEC_SECRET;
  static final String API_KEY = "test-api-key-0123456789";
  static final String DELIVERY = """
      webhookDelivery:
        claimAfter: 1s
        pollInterval: 20ms
        jitter: 0
        breakerThreshold: 50
        breakerCooldown: 100ms
      """;

  private WebhookHarness() {
  }

  /** The configuration: one site, one API key, the delivery settings and the endpoints given. */
  static String yaml(String delivery, String endpoints) {
    return """
        sites:
          - key: demo
            allowedOrigins: ["*"]
        apiKeys:
          - name: test
            sha256: %s
        %s
        webhooks:
        %s
        """.formatted(ApiKeyAuth.hash(API_KEY), delivery, endpoints);
  }

  /** An endpoint at {@code path} of the receiver, with the test secret and loopback allowed, plus extra settings. */
  static String endpoint(String id, Receiver receiver, String path, String extra) {
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("id", id);
    settings.put("url", receiver.url(path));
    settings.put("secret", SECRET);
    settings.put("allowSubnets", "[127.0.0.0/8]");
    settings.put("timeout", "2s");
    for (String line : extra.strip().split("\n")) {
      if (!line.isBlank()) {
        settings.put(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
      }
    }
    StringBuilder out = new StringBuilder("  - ");
    settings.forEach((key, value) -> out.append(key).append(": ").append(value).append("\n    "));
    return out.toString().stripTrailing() + "\n";
  }

  static TestGateway start(String redisUrl, TestClock clock, String endpoints) {
    return start(redisUrl, clock, DELIVERY, endpoints);
  }

  static TestGateway start(String redisUrl, TestClock clock, String delivery, String endpoints) {
    return TestGateway.start(yaml(delivery, endpoints), redisUrl, clock);
  }

  static DomainEvent event(String lead, long seq, String type, JsonObject data, TestClock clock) {
    JsonObject lead0 = new JsonObject().put("id", lead).put("site", "demo").put("email", lead + "@acme.com")
        .put("stage", "lead").put("score", 10).put("fields", new JsonObject().put("company", "ACME"));
    return new DomainEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), type, "demo", lead, seq,
        clock.millis(), lead0.mergeIn(data == null ? new JsonObject() : data, true));
  }

  static DomainEvent emit(TestGateway gateway, String lead, long seq, String type, JsonObject data, TestClock clock) {
    DomainEvent event = event(lead, seq, type, data, clock);
    try {
      gateway.gateway().stores().outbox().append(event).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("appending to the outbox failed", e);
    }
    return event;
  }

  static DomainEvent emit(TestGateway gateway, String lead, long seq, TestClock clock) {
    return emit(gateway, lead, seq, seq == 1 ? LeadEvents.CREATED : LeadEvents.UPDATED, null, clock);
  }

  static HttpResponse<Buffer> api(TestGateway gateway, HttpMethod method, String path, JsonObject body) {
    return call(gateway, method, path, body, API_KEY);
  }

  static HttpResponse<Buffer> call(TestGateway gateway, HttpMethod method, String path, JsonObject body, String key) {
    var request = gateway.client().request(method, path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    try {
      return (body == null ? request.send() : request.sendJsonObject(body)).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  static List<JsonObject> deliveries(TestGateway gateway, String endpoint, String query) {
    JsonObject body = api(gateway, HttpMethod.GET, "/api/webhooks/" + endpoint + "/deliveries" + query, null)
        .bodyAsJsonObject();
    return body.getJsonArray("deliveries").stream().map(o -> (JsonObject) o).toList();
  }

  static boolean verifies(Receiver.Request request) {
    return new Signer(List.of(SECRET)).verify(request.id(), Long.parseLong(request.timestamp()),
        request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), request.signature());
  }
}
