package io.leadgate.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the requests one event loop issues in one tick and sends them as a single pipelined batch once the
 * tick's other work is done. Lives on its context only, so it needs no locks. A batch fails as a whole: every
 * request in it is answered with the failure (and retried by its client; the log de-duplicates by event id).
 */
final class TickBatcher {
  private final Context context;
  private final Function<List<Request>, Future<List<Response>>> sender;
  private List<Request> requests = new ArrayList<>();
  private List<Promise<Response>> promises = new ArrayList<>();

  TickBatcher(Context context, Function<List<Request>, Future<List<Response>>> sender) {
    this.context = context;
    this.sender = sender;
  }

  Future<Response> add(Request request) {
    Promise<Response> promise = Promise.promise();
    if (requests.isEmpty()) {
      context.runOnContext(v -> flush());
    }
    requests.add(request);
    promises.add(promise);
    return promise.future();
  }

  private void flush() {
    List<Request> sending = requests;
    List<Promise<Response>> waiting = promises;
    requests = new ArrayList<>();
    promises = new ArrayList<>();
    sender.apply(sending).onComplete(done -> {
      for (int i = 0; i < waiting.size(); i++) {
        if (done.succeeded()) {
          waiting.get(i).complete(done.result().get(i));
        } else {
          waiting.get(i).fail(done.cause());
        }
      }
    });
  }
}
