package io.leadgate.store.memory;

import io.leadgate.store.DeliveryLog;
import io.leadgate.store.EventLog;
import io.leadgate.store.LeadStore;
import io.leadgate.store.RateLimitStore;
import io.leadgate.store.ScoreStore;
import io.leadgate.store.OutboxReader;
import io.leadgate.store.StatsStore;
import io.leadgate.store.Stores;
import io.leadgate.store.VisitorStore;
import io.leadgate.store.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/** The embedded default: everything in this process, gone on restart. For a first run and fast tests. */
public final class MemoryStores implements Stores {
  private final MemoryEventLog events;
  private final MemoryVisitorStore visitors;
  private final MemoryStatsStore stats;
  private final MemoryOutbox outbox = new MemoryOutbox();
  private final MemoryLeadStore leads;
  private final MemoryLeadSearch leadSearch = new MemoryLeadSearch();
  private final MemoryRateLimitStore rateLimits;
  private final MemoryIdentifyAttempts identifyAttempts;
  private final MemoryScoreStore scores;
  private final MemoryOutboxReader outboxReader;
  private final MemoryWebhookStore webhooks;
  private final MemoryDeliveryLog deliveryLog;

  public MemoryStores(Vertx vertx, Clock clock, int partitions) {
    this.events = new MemoryEventLog(vertx, clock, partitions);
    this.visitors = new MemoryVisitorStore(clock);
    this.stats = new MemoryStatsStore(clock);
    this.leads = new MemoryLeadStore(clock, visitors, outbox);
    this.rateLimits = new MemoryRateLimitStore(clock);
    this.identifyAttempts = new MemoryIdentifyAttempts(rateLimits);
    this.scores = new MemoryScoreStore(leads);
    this.outboxReader = new MemoryOutboxReader(vertx, outbox);
    this.webhooks = new MemoryWebhookStore(vertx, outbox);
    this.deliveryLog = new MemoryDeliveryLog(clock);
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public VisitorStore visitors() {
    return visitors;
  }

  @Override
  public StatsStore stats() {
    return stats;
  }

  @Override
  public MemoryOutbox outbox() {
    return outbox;
  }

  @Override
  public LeadStore leads() {
    return leads;
  }

  @Override
  public io.leadgate.identity.LeadSearch leadSearch() {
    return leadSearch;
  }

  @Override
  public io.leadgate.identity.IdentifyAttempts identifyAttempts() {
    return identifyAttempts;
  }

  @Override
  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  @Override
  public ScoreStore scores() {
    return scores;
  }

  @Override
  public OutboxReader outboxReader() {
    return outboxReader;
  }

  @Override
  public WebhookStore webhooks() {
    return webhooks;
  }

  @Override
  public DeliveryLog deliveryLog() {
    return deliveryLog;
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public String describe() {
    return "in-memory store (nothing survives a restart)";
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
