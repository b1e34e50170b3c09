package io.leadgate.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs a service call for a route: its result goes to {@code respond}, any failure to the one error handler. */
public final class Handlers {
  private Handlers() {
  }

  public static <T> void call(RoutingContext ctx, Supplier<Future<T>> call, Consumer<T> respond) {
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    result.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      try {
        respond.accept(done.result());
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }
}
