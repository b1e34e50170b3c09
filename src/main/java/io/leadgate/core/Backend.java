package io.leadgate.core;

import io.vertx.core.Future;

/** The storage backend as a whole (one Redis, or this process's memory), apart from what each port stores. */
public interface Backend {

  /** Succeeds when the backend answers. */
  Future<Void> ping();

  /** A line for the start-up log and the readiness check: what the data lives in (no secrets). */
  String describe();

  Future<Void> close();
}
