package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt through the real HTTP client, with a resolver the test controls (DNS answers at send time). */
class WebhookSenderTest {
  Vertx vertx;
  Receiver receiver;
  volatile String resolvesTo = "127.0.0.1";
  WebhookSender sender;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    receiver = Receiver.start();
    SsrfGuard.Resolver resolver = host -> {
      try {
        return Future.succeededFuture(List.of(InetAddress.getByName(resolvesTo)));
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

  Endpoint endpoint(String host, String extra) {
    String yaml = """
        sites: [{key: demo}]
        webhooks:
          - id: crm
            url: http://%s:%d/hook?x=1
            secret: %s
            timeout: 1s
        %s
        """.formatted(host, receiver.port(), WebhookHarness.SECRET, extra);
    return Endpoint.of(new ConfigLoader().parse(yaml, "test.yaml").webhooks().get(0), 0);
  }

  WebhookSender.Answer send(Endpoint endpoint, String body) throws Exception {
    return sender.send(endpoint, "msg_1", 1614265330, endpoint.signer().sign("msg_1", 1614265330, body),
        Buffer.buffer(body)).await(5, TimeUnit.SECONDS);
  }

  @Test
  void name_connectsToTheVettedAddress_andKeepsTheNameInTheHostHeader() throws Exception {
    WebhookSender.Answer answer = send(endpoint("crm.internal.test", "    allowSubnets: [127.0.0.0/8]"), "{}");
    assertEquals(200, answer.status(), String.valueOf(answer.error()));
    Receiver.Request request = receiver.await(1).get(0);
    assertEquals("crm.internal.test:" + receiver.port(), request.headers().get("host"));
    assertEquals("/hook", request.path());
    assertEquals("msg_1", request.id());
  }

  @Test
  void nameResolvingToLoopbackAtSendTime_refused_nothingSent() throws Exception {
    WebhookSender.Answer answer = send(endpoint("rebind.test", ""), "{}");
    assertEquals(0, answer.status());
    assertTrue(answer.error().startsWith("refused: rebind.test resolves to 127.0.0.1, a loopback address"),
        answer.error());
    Thread.sleep(200);
    assertTrue(receiver.received().isEmpty());
  }

  @Test
  void nameResolvingToMetadataAtSendTime_refusedEvenWithLoopbackAllowed() throws Exception {
    resolvesTo = "169.254.169.254";
    WebhookSender.Answer answer = send(endpoint("rebind.test", "    allowSubnets: [127.0.0.0/8]"), "{}");
    assertTrue(answer.error().contains("cloud metadata"), answer.error());
  }

  @Test
  void largeAnswer_readNoFurtherThan64KiB_firstBytesKept() throws Exception {
    String huge = "x".repeat(1024 * 1024);
    receiver.answer(r -> new Reply(200, Map.of(), huge, false));
    long started = System.nanoTime();
    WebhookSender.Answer answer = send(endpoint("127.0.0.1", "    allowSubnets: [127.0.0.0/8]"), "{}");
    assertEquals(200, answer.status());
    assertNull(answer.error());
    assertEquals(WebhookSender.KEPT_ANSWER_BYTES, answer.body().length());
    assertTrue((System.nanoTime() - started) / 1_000_000 < 1000);
  }

  @Test
  void noAnswer_timesOutAtTheEndpointsTimeout() throws Exception {
    receiver.answer(r -> Reply.hanging());
    WebhookSender.Answer answer = send(endpoint("127.0.0.1", "    allowSubnets: [127.0.0.0/8]"), "{}");
    assertEquals("timed out after 1000 ms", answer.error());
    assertTrue(answer.latencyMs() >= 1000 && answer.latencyMs() < 4000, "latency " + answer.latencyMs());
  }

  @Test
  void retryAfterHeader_passedOn() throws Exception {
    receiver.answer(r -> Reply.retryAfter(429, "120"));
    WebhookSender.Answer answer = send(endpoint("127.0.0.1", "    allowSubnets: [127.0.0.0/8]"), "{}");
    assertEquals(429, answer.status());
    assertEquals("120", answer.retryAfter());
  }
}
