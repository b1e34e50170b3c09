package io.leadgate.webhooks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The dispatcher's event loop, which every part of it runs on so that their state needs no locks: brings outcomes
 * back onto it (store and client callbacks may complete elsewhere), runs timers on it, and says when the dispatcher
 * is stopping. Failures of the retried background work are logged at most every ten seconds, not once per try.
 */
final class DispatcherLoop {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
  private static final long FAILURE_LOG_EVERY_MS = 10_000;
  /** How long a loop whose store call failed waits before it goes round again. */
  static final long FAILURE_PAUSE_MS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final Thread thread;
  private final List<Long> timers = new ArrayList<>();
  private boolean stopped;
  private long lastFailureLog;

  /** Binds to the calling thread's context: call it on the verticle's event loop. */
  DispatcherLoop(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
    this.thread = Thread.currentThread();
  }

  /** The same outcome, delivered on this loop. */
  <T> Future<T> here(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(done -> {
      if (Thread.currentThread() == thread) {
        promise.handle(done);
      } else {
        context.runOnContext(v -> promise.handle(done));
      }
    });
    return promise.future();
  }

  /** Runs {@code task} on the next turn of the loop (so a long chain of work never grows the stack). */
  void next(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  long after(long ms, Runnable task) {
    return vertx.setTimer(ms, t -> task.run());
  }

  /** Runs {@code task} again after a pause: the store failed, and asking it again at once would only spin. */
  void afterFailure(Runnable task) {
    after(FAILURE_PAUSE_MS, task);
  }

  void cancel(long timer) {
    vertx.cancelTimer(timer);
  }

  /** Runs {@code task} every {@code ms} until the dispatcher stops. */
  void every(long ms, Runnable task) {
    timers.add(vertx.setPeriodic(ms, t -> {
      if (!stopped) {
        task.run();
      }
    }));
  }

  boolean stopped() {
    return stopped;
  }

  /** From now on no loop goes round again, no timer fires, and failures are no longer logged. */
  void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
  }

  void logFailure(String what, Throwable e) {
    if (stopped) {
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastFailureLog > FAILURE_LOG_EVERY_MS) {
      lastFailureLog = now;
      LOG.warning("webhooks: " + what + " failed, will retry: " + e.getMessage());
    }
  }

  /** A failure that is logged and then forgotten: the work it belongs to carries on. */
  <T> Future<T> logged(String what, Future<T> future, T otherwise) {
    return future.recover(e -> {
      logFailure(what, e);
      return Future.succeededFuture(otherwise);
    });
  }
}
