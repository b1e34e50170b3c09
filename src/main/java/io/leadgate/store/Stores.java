package io.leadgate.store;

import io.vertx.core.Future;

/** Every store the gateway uses, from one backend (Redis or in-memory). */
public interface Stores {

  EventLog events();

  VisitorStore visitors();

  StatsStore stats();

  Outbox outbox();

  LeadStore leads();

  RateLimitStore rateLimits();

  ScoreStore scores();

  /** Succeeds when the backend answers. */
  Future<Void> ping();

  /** A line for the start-up log: what the data lives in. */
  String describe();

  Future<Void> close();
}
