package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes one delivery attempt to a CRM preset: the exchange's requests one after the other, each through
 * {@link WebhookSender#request} (SSRF vetting, the endpoint's time-out per request, bounded read), with the token in
 * the preset's auth header. The attempt's answer is the exchange's outcome, its latency the sum of the requests'.
 * Never fails, like the sender.
 */
final class PresetSender {
  private final WebhookSender sender;

  PresetSender(WebhookSender sender) {
    this.sender = sender;
  }

  Future<WebhookSender.Answer> attempt(Endpoint endpoint, CrmExchange exchange) {
    return step(endpoint, exchange, exchange.first(), 1, 0);
  }

  private Future<WebhookSender.Answer> step(Endpoint endpoint, CrmExchange exchange, CrmExchange.Request request,
                                            int count, long latencyBefore) {
    Buffer body = request.body() == null ? null
        : Buffer.buffer(request.body().encode().getBytes(StandardCharsets.UTF_8));
    return sender.request(endpoint, HttpMethod.valueOf(request.method()), endpoint.presetUri(request.path()),
            headers(endpoint, body != null), body, WebhookSender.MAX_ANSWER_BYTES)
        .compose(raw -> {
          WebhookSender.Answer answer = withLatency(raw, latencyBefore + raw.latencyMs());
          if (answer.error() != null) {
            return Future.succeededFuture(kept(answer));
          }
          CrmExchange.Step next = exchange.after(request, answer);
          if (next instanceof CrmExchange.Next more && count < CrmExchange.MAX_REQUESTS) {
            return step(endpoint, exchange, more.request(), count + 1, answer.latencyMs());
          }
          WebhookSender.Answer outcome = next instanceof CrmExchange.Done done ? done.answer()
              : new WebhookSender.Answer(0, null, answer.body(), "gave up after " + count + " requests in one attempt",
                  answer.latencyMs());
          return Future.succeededFuture(kept(outcome));
        });
  }

  private static Map<String, String> headers(Endpoint endpoint, boolean withBody) {
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    headers.put("accept", "application/json");
    if (withBody) {
      headers.put("content-type", "application/json");
    }
    headers.put("user-agent", WebhookSender.USER_AGENT);
    headers.put(endpoint.preset().authHeader(), endpoint.preset().authValue(endpoint.token()));
    return headers;
  }

  private static WebhookSender.Answer withLatency(WebhookSender.Answer answer, long latencyMs) {
    return new WebhookSender.Answer(answer.status(), answer.retryAfter(), answer.body(), answer.error(), latencyMs);
  }

  /** The delivery log keeps the first bytes of the last answer, as for any webhook. */
  private static WebhookSender.Answer kept(WebhookSender.Answer answer) {
    String body = answer.body();
    if (body != null && body.length() > WebhookSender.KEPT_ANSWER_BYTES) {
      body = body.substring(0, WebhookSender.KEPT_ANSWER_BYTES);
    }
    return new WebhookSender.Answer(answer.status(), answer.retryAfter(), body, answer.error(), answer.latencyMs());
  }
}
