package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes one delivery attempt to a CRM preset endpoint: the exchange's requests one after the other, each through
 * {@link WebhookSender#request} (SSRF vetting, the endpoint's time-out per request, bounded read), with the current
 * access token in the preset's auth header. When a fetched token is refused ({@code 401}: Salesforce's session
 * expired), it is dropped and the request sent once more with a new one. The attempt's answer is the exchange's
 * outcome (or why no token could be had), its latency the sum of the requests'. Never fails, like the sender. One per
 * endpoint and gateway instance: it holds the endpoint's token.
 */
final class PresetSender {
  private final WebhookSender sender;
  private final Endpoint endpoint;
  private final AccessTokens tokens;

  PresetSender(WebhookSender sender, Endpoint endpoint, Clock clock) {
    this.sender = sender;
    this.endpoint = endpoint;
    this.tokens = AccessTokens.of(endpoint, sender, clock);
  }

  Future<WebhookSender.Answer> attempt(CrmExchange exchange) {
    return step(exchange, exchange.first(), 1, 0, false);
  }

  /** @param renewed whether this attempt has already replaced a refused token (it does so once at most) */
  private Future<WebhookSender.Answer> step(CrmExchange exchange, CrmExchange.Request request, int count,
                                            long latencyBefore, boolean renewed) {
    return tokens.current().compose(
        token -> send(request, token).compose(raw -> {
          WebhookSender.Answer answer = withLatency(raw, latencyBefore + raw.latencyMs());
          if (answer.status() == 401 && !renewed && tokens.renewable()) {
            tokens.expired(token);
            return step(exchange, request, count, answer.latencyMs(), true);
          }
          return afterAnswer(exchange, request, answer, count, renewed);
        }),
        failure -> failure instanceof AccessTokens.TokenUnavailable unavailable
            ? Future.succeededFuture(withLatency(unavailable.outcome(),
                latencyBefore + unavailable.outcome().latencyMs()))
            : Future.failedFuture(failure));
  }

  private Future<WebhookSender.Answer> afterAnswer(CrmExchange exchange, CrmExchange.Request request,
                                                   WebhookSender.Answer answer, int count, boolean renewed) {
    if (answer.error() != null) {
      return Future.succeededFuture(kept(answer));
    }
    CrmExchange.Step next = exchange.after(request, answer);
    if (next instanceof CrmExchange.Next more && count < CrmExchange.MAX_REQUESTS) {
      return step(exchange, more.request(), count + 1, answer.latencyMs(), renewed);
    }
    WebhookSender.Answer outcome = next instanceof CrmExchange.Done done ? done.answer()
        : new WebhookSender.Answer(0, null, answer.body(), "gave up after " + count + " requests in one attempt",
            answer.latencyMs());
    return Future.succeededFuture(kept(outcome));
  }

  private Future<WebhookSender.Answer> send(CrmExchange.Request request, String token) {
    Buffer body = request.body() == null ? null
        : Buffer.buffer(request.body().encode().getBytes(StandardCharsets.UTF_8));
    return sender.request(endpoint, HttpMethod.valueOf(request.method()), endpoint.presetUri(request.path()),
        headers(token, body != null), body, WebhookSender.MAX_ANSWER_BYTES);
  }

  private Map<String, String> headers(String token, boolean withBody) {
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    headers.put("accept", "application/json");
    if (withBody) {
      headers.put("content-type", "application/json");
    }
    headers.put("user-agent", WebhookSender.USER_AGENT);
    headers.put(endpoint.preset().authHeader(), endpoint.preset().authValue(token));
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
