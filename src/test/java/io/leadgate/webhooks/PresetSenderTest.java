package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One preset attempt through the real HTTP client: the exchange's requests in turn, bounded, one outcome. */
class PresetSenderTest {
  Vertx vertx;
  Receiver receiver;
  WebhookSender sender;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    receiver = Receiver.start();
    SsrfGuard.Resolver resolver = host -> {
      try {
        return Future.succeededFuture(List.of(InetAddress.getByName("127.0.0.1")));
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    };
    sender = new WebhookSender(vertx, resolver, 8);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
    receiver.close();
  }

  Endpoint endpoint() {
    return Endpoint.of(new ConfigLoader().parse("""
        sites: [{key: demo}]
        webhooks:
          - id: crm
            preset: hubspot
            token: tok
            url: %s
            allowSubnets: [127.0.0.0/8]
            timeout: 4s
        """.formatted(receiver.url("/proxy/")), "test.yaml").webhooks().get(0), 0);
  }

  WebhookSender.Answer attempt(CrmExchange exchange) throws Exception {
    return new PresetSender(sender, endpoint(), Clock.systemUTC()).attempt(exchange).await(30, TimeUnit.SECONDS);
  }

  /** An exchange that always asks for one more request. */
  static final CrmExchange ENDLESS = new CrmExchange() {
    @Override
    public Request first() {
      return new Request("GET", "/again", null);
    }

    @Override
    public Step after(Request sent, WebhookSender.Answer answer) {
      return CrmExchange.next("POST", "/again", new JsonObject().put("n", 1));
    }
  };

  @Test
  void exchangeThatNeverEnds_stopsAfterFourRequests_andIsRetried() throws Exception {
    WebhookSender.Answer answer = attempt(ENDLESS);
    assertEquals(CrmExchange.MAX_REQUESTS, receiver.received().size());
    assertEquals("gave up after 4 requests in one attempt", answer.error());
    assertEquals(Verdict.RETRY, answer.error() == null ? Verdict.of(answer.status()) : Verdict.RETRY);
  }

  @Test
  void requestPaths_goUnderTheBaseUrlsPath() throws Exception {
    attempt(new HubSpotExchange("ann@acme.com", new JsonObject(), new JsonObject()));
    Receiver.Request request = receiver.await(1).get(0);
    assertEquals("/proxy/crm/v3/objects/contacts", request.uri());
    assertEquals("Bearer tok", request.headers().get("authorization"));
  }

  @Test
  void noAnswerMidExchange_endsTheAttemptWithThatError() throws Exception {
    receiver.answer(r -> r.method().equals("POST")
        ? new Reply(409, Map.of("content-type", "application/json"),
            "{\"message\":\"Contact already exists. Existing ID: 5\"}", false)
        : Reply.hanging());
    WebhookSender.Answer answer = attempt(new HubSpotExchange("ann@acme.com", new JsonObject(), new JsonObject()));
    assertEquals("PATCH /proxy/crm/v3/objects/contacts/5", receiver.await(2).get(1).method() + " "
        + receiver.received().get(1).uri());
    assertEquals(0, answer.status());
    assertEquals("timed out after 4000 ms", answer.error());
  }

  @Test
  void longLastAnswer_isCutToWhatTheDeliveryLogKeeps() throws Exception {
    receiver.answer(r -> new Reply(201, Map.of(), "{\"id\":\"" + "9".repeat(5000) + "\"}", false));
    WebhookSender.Answer answer = attempt(new HubSpotExchange("ann@acme.com", new JsonObject(), new JsonObject()));
    assertEquals(201, answer.status());
    assertNull(answer.error());
    assertEquals(WebhookSender.KEPT_ANSWER_BYTES, answer.body().length());
    assertTrue(answer.latencyMs() >= 0);
  }
}
