package io.leadgate.webhooks;

import io.vertx.core.json.JsonObject;

/**
 * "Create or update this person by email" as one CRM's API takes it, one request at a time: the first request, then
 * after each answer either the next request or the answer that is the attempt's outcome (which {@link Settlement}
 * judges like any webhook answer). One exchange is one delivery attempt; a retry starts a new one from the first
 * request, so every exchange is written to be safe to redo. Pure: no I/O, one instance per attempt.
 */
interface CrmExchange {
  /** Requests after which an exchange stops whatever it would do next: no answer may loop it. */
  int MAX_REQUESTS = 4;

  /** The first request of the attempt. */
  Request first();

  /** What to do after {@code answer}, the answer to {@code sent}. */
  Step after(Request sent, WebhookSender.Answer answer);

  /**
   * One HTTP request to the CRM.
   *
   * @param method HTTP method
   * @param path   path and query under the endpoint's base URL, starting with {@code /}
   * @param body   JSON body, or null for none
   */
  record Request(String method, String path, JsonObject body) {
  }

  /** Either the next request or the attempt's outcome. */
  sealed interface Step permits Next, Done {
  }

  record Next(Request request) implements Step {
  }

  record Done(WebhookSender.Answer answer) implements Step {
  }

  /** The answer as the outcome, unchanged. */
  static Step done(WebhookSender.Answer answer) {
    return new Done(answer);
  }

  static Step next(String method, String path, JsonObject body) {
    return new Next(new Request(method, path, body));
  }

  /**
   * A 2xx answer the exchange could not use (an unreadable search result): retried like a lost connection, its
   * body kept for the delivery log.
   */
  static Step unreadable(WebhookSender.Answer answer, String why) {
    return new Done(new WebhookSender.Answer(0, answer.retryAfter(), answer.body(), why, answer.latencyMs()));
  }

  /** The answer's body as JSON, or null when it is not a JSON object or array. */
  static Object json(WebhookSender.Answer answer) {
    if (answer.body() == null || answer.body().isBlank()) {
      return null;
    }
    try {
      return io.vertx.core.json.Json.decodeValue(answer.body());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
