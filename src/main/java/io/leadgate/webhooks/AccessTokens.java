package io.leadgate.webhooks;

import io.vertx.core.Future;
import java.time.Clock;

/**
 * The access token a preset endpoint's requests carry: the configured {@code token}, or one the gateway fetches
 * itself with the endpoint's client credentials ({@code oauth}) and keeps in memory.
 */
interface AccessTokens {
  /**
   * The token to send now. Fails with {@link TokenUnavailable} when none can be had; its outcome is then the
   * attempt's, judged by {@link Settlement} like any answer.
   */
  Future<String> current();

  /** Whether a token the CRM refused can be replaced by fetching another. */
  boolean renewable();

  /** The CRM refused {@code token} (its session expired): the next {@link #current()} no longer gives it. */
  void expired(String token);

  /** The endpoint's tokens: fetched when it has client credentials, else its configured token. */
  static AccessTokens of(Endpoint endpoint, WebhookSender sender, Clock clock) {
    return endpoint.oauth() == null ? fixed(endpoint.token())
        : new KeptToken(new ClientCredentialsGrant(endpoint, sender)::fetch, clock);
  }

  /** Always {@code token}: a CRM whose tokens do not expire, or one replaced by hand. */
  static AccessTokens fixed(String token) {
    return new AccessTokens() {
      @Override
      public Future<String> current() {
        return Future.succeededFuture(token);
      }

      @Override
      public boolean renewable() {
        return false;
      }

      @Override
      public void expired(String refused) {
      }
    };
  }

  /** No token could be fetched; {@link #outcome()} says why, as the attempt's answer (never with a secret in it). */
  final class TokenUnavailable extends RuntimeException {
    private final transient WebhookSender.Answer outcome;

    TokenUnavailable(WebhookSender.Answer outcome) {
      super(outcome.error(), null, false, false);
      this.outcome = outcome;
    }

    WebhookSender.Answer outcome() {
      return outcome;
    }
  }
}
