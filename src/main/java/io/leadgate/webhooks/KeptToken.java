package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An access token fetched when a request first needs it and kept in memory (one per endpoint and gateway instance)
 * until the CRM says it expired. One fetch at a time: whoever needs a token while it is being fetched waits for that
 * same fetch. A failed fetch is kept for {@link #FAILURE_HELD_MS}, then the next request fetches again. Never
 * blocks; safe from any thread.
 */
final class KeptToken implements AccessTokens {
  /**
   * How long a failed fetch answers for the token endpoint. With wrong credentials or the endpoint down, every queued
   * delivery would otherwise ask again, one after the other: Salesforce counts each as a login of the run-as user
   * and refuses them all past its hourly limit (3,600), which would outlast the fix. Held, an endpoint asks at most
   * 12 times a minute per gateway instance.
   */
  static final long FAILURE_HELD_MS = 5_000;

  private final Supplier<Future<String>> fetch;
  private final Clock clock;
  /** The token, or its fetch under way, or the failed fetch held; null when there is none. */
  private final AtomicReference<Future<String>> kept = new AtomicReference<>();
  private volatile long failedAt;

  /** @param fetch fetches a new token; fails with {@link TokenUnavailable} when it cannot */
  KeptToken(Supplier<Future<String>> fetch, Clock clock) {
    this.fetch = fetch;
    this.clock = clock;
  }

  @Override
  public Future<String> current() {
    while (true) {
      Future<String> token = kept.get();
      if (token != null && (!token.failed() || clock.millis() - failedAt < FAILURE_HELD_MS)) {
        return token;
      }
      Promise<String> fetching = Promise.promise();
      if (kept.compareAndSet(token, fetching.future())) {
        fetch.get().onComplete(done -> {
          if (done.failed()) {
            failedAt = clock.millis(); // before anyone can see the fetch failed
          }
          fetching.handle(done);
        });
        return fetching.future();
      }
    }
  }

  @Override
  public boolean renewable() {
    return true;
  }

  @Override
  public void expired(String token) {
    Future<String> current = kept.get();
    if (current != null && current.succeeded() && current.result().equals(token)) {
      kept.compareAndSet(current, null);
    }
  }
}
