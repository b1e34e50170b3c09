package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An access token fetched when a request first needs it and kept in memory (one per endpoint and gateway instance)
 * until the CRM says it expired. One fetch at a time: whoever needs a token while it is being fetched waits for that
 * same fetch. A failed fetch is not kept, so the next request fetches again. Never blocks; safe from any thread.
 */
final class KeptToken implements AccessTokens {
  private final Supplier<Future<String>> fetch;
  /** The token, or its fetch under way; null when there is none. */
  private final AtomicReference<Future<String>> kept = new AtomicReference<>();

  /** @param fetch fetches a new token; fails with {@link TokenUnavailable} when it cannot */
  KeptToken(Supplier<Future<String>> fetch) {
    this.fetch = fetch;
  }

  @Override
  public Future<String> current() {
    while (true) {
      Future<String> token = kept.get();
      if (token != null && !token.failed()) {
        return token;
      }
      Promise<String> fetching = Promise.promise();
      if (kept.compareAndSet(token, fetching.future())) {
        fetching.future().onFailure(e -> kept.compareAndSet(fetching.future(), null));
        fetch.get().onComplete(fetching);
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
