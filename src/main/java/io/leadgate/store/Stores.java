package io.leadgate.store;

import io.vertx.core.Future;

/** Every store the gateway uses, from one backend (Redis or in-memory). */
public interface Stores {

  EventLog events();

  VisitorStore visitors();

  StatsStore stats();

  Outbox outbox();

  LeadStore leads();

  /** Finding leads by email domain and by the words of their name and company. */
  io.leadgate.identity.LeadSearch leadSearch();

  /** Counts {@code identify} attempts per visitor (its rate limit). */
  io.leadgate.identity.IdentifyAttempts identifyAttempts();

  RateLimitStore rateLimits();

  ScoreStore scores();

  /** The outbox's reading side (consumer groups), for the webhook dispatcher. */
  OutboxReader outboxReader();

  /** Webhook deliveries: per-lead queues, ready lines, retries, dead letters, endpoint state. */
  WebhookStore webhooks();

  /** Every webhook attempt, per endpoint and per lead. */
  DeliveryLog deliveryLog();

  /** Succeeds when the backend answers. */
  Future<Void> ping();

  /** A line for the start-up log: what the data lives in. */
  String describe();

  Future<Void> close();
}
