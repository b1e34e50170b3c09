package io.leadgate.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/**
 * A feature as the composition root mounts it: its routes on every HTTP instance's router, and what runs beside
 * them (verticles, timers) once per gateway instance. Each feature's constructor takes its configuration section
 * and the ports it uses, so the root only lists features.
 */
public interface Feature {

  /**
   * Adds the feature's routes. Called once per HTTP instance, each with its own router, in the order the features
   * are listed (so an authentication feature listed first guards the routes mounted after it).
   */
  default void mount(Router router) {
  }

  /** Starts what runs beside the routes; called once, before the HTTP instances start. */
  default Future<Void> start(Vertx vertx) {
    return Future.succeededFuture();
  }

  /** Stops what {@link #start} started. */
  default Future<Void> stop(Vertx vertx) {
    return Future.succeededFuture();
  }

  /** A feature that is only routes. */
  static Feature routes(Consumer<Router> mount) {
    return new Feature() {
      @Override
      public void mount(Router router) {
        mount.accept(router);
      }
    };
  }
}
