package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Fetches an access token with the OAuth 2.0 client credentials grant as Salesforce takes it: {@code POST} to the
 * token URL, form body {@code grant_type=client_credentials&client_id=...&client_secret=...}, answered {@code 200
 * {"access_token", "instance_url", "token_type": "Bearer", "issued_at", ...}} (no {@code expires_in}: the token lasts
 * until the session times out) or, refused, {@code 400 {"error": "invalid_client", "error_description": "..."}}. The
 * request goes through {@link WebhookSender#request} like the API's: vetted by the endpoint's SSRF guard (its
 * {@code allowSubnets}), with its time-out.
 */
final class ClientCredentialsGrant {
  /** How much of the token endpoint's error text goes into an attempt's outcome. */
  static final int DESCRIBED_CHARS = 200;

  private final Endpoint tokenEndpoint;
  private final WebhookSender sender;
  private final Buffer form;

  ClientCredentialsGrant(Endpoint endpoint, WebhookSender sender) {
    EndpointConfig.OAuthConfig oauth = endpoint.oauth();
    this.tokenEndpoint = endpoint.at(oauth.tokenUrl());
    this.sender = sender;
    this.form = Buffer.buffer("grant_type=client_credentials&client_id=" + CrmPreset.encode(oauth.clientId())
        + "&client_secret=" + CrmPreset.encode(oauth.clientSecret()));
  }

  /** A new access token; fails with {@link AccessTokens.TokenUnavailable} saying why there is none. */
  Future<String> fetch() {
    Map<String, String> headers = Map.of("content-type", "application/x-www-form-urlencoded",
        "accept", "application/json", "user-agent", WebhookSender.USER_AGENT);
    return sender.request(tokenEndpoint, HttpMethod.POST, tokenEndpoint.pathAndQuery(), headers, form,
            WebhookSender.MAX_ANSWER_BYTES)
        .compose(answer -> {
          try {
            return Future.succeededFuture(accessToken(answer));
          } catch (AccessTokens.TokenUnavailable e) {
            return Future.failedFuture(e);
          }
        });
  }

  /**
   * The access token in the token endpoint's answer. Otherwise {@link AccessTokens.TokenUnavailable} with the
   * attempt's outcome: the token endpoint's status (a refusal, {@code 4xx}, is a dead letter; {@code 5xx}, {@code 429}
   * or no answer is retried) and its {@code error} and {@code error_description}, never its body (a token answer
   * holds the token).
   */
  static String accessToken(WebhookSender.Answer answer) {
    if (answer.error() != null) {
      throw unavailable(answer, 0, "the token endpoint did not answer: " + answer.error());
    }
    JsonObject json = CrmExchange.json(answer) instanceof JsonObject object ? object : new JsonObject();
    if (answer.status() / 100 == 2) {
      if (json.getValue("access_token") instanceof String token && !token.isBlank()) {
        return token;
      }
      throw unavailable(answer, 0, "the token endpoint's answer (HTTP " + answer.status() + ") has no access_token");
    }
    String said = said(json);
    if (Verdict.of(answer.status()) == Verdict.FAIL_FAST) {
      throw unavailable(answer, answer.status(),
          "the token endpoint refused the client credentials: HTTP " + answer.status() + said);
    }
    throw unavailable(answer, answer.status(), "the token endpoint answered HTTP " + answer.status() + said);
  }

  /** {@code ": invalid_client (invalid client credentials)"}, or nothing when the answer names no error. */
  private static String said(JsonObject json) {
    String error = text(json.getValue("error"));
    String description = text(json.getValue("error_description"));
    if (error == null && description == null) {
      return "";
    }
    return ": " + (error == null ? "" : error) + (description == null ? "" : error == null ? description
        : " (" + description + ")");
  }

  private static String text(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() > DESCRIBED_CHARS ? line.substring(0, DESCRIBED_CHARS) + "..." : line;
  }

  private static AccessTokens.TokenUnavailable unavailable(WebhookSender.Answer answer, int status, String why) {
    return new AccessTokens.TokenUnavailable(new WebhookSender.Answer(status, answer.retryAfter(), null, why,
        answer.latencyMs()));
  }
}
