package io.leadgate.memory;

import io.leadgate.core.Backend;
import io.leadgate.webhooks.DeliveryLog;
import io.leadgate.webhooks.LeadDeliveries;
import io.leadgate.collect.ErasedVisitors;
import io.leadgate.privacy.AuditLog;
import io.leadgate.privacy.ErasureStore;
import io.leadgate.collect.EventLog;
import io.leadgate.identity.DailySalts;
import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.LeadStore;
import io.leadgate.admin.SessionStore;
import io.leadgate.forms.FormCountStore;
import io.leadgate.forms.RateLimitStore;
import io.leadgate.funnel.FunnelIndex;
import io.leadgate.scoring.ScoreStore;
import io.leadgate.webhooks.OutboxReader;
import io.leadgate.stats.StatsStore;
import io.leadgate.identity.VisitorStore;
import io.leadgate.webhooks.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/** The embedded default: everything in this process, gone on restart. For a first run and fast tests. */
public final class MemoryStores implements Backend {
  private final MemoryEventLog events;
  private final MemoryVisitorStore visitors;
  private final MemoryStatsStore stats;
  private final MemoryOutbox outbox = new MemoryOutbox();
  private final MemoryLeadStore leads;
  private final MemoryLeadSearch leadSearch = new MemoryLeadSearch();
  private final MemoryRateLimitStore rateLimits;
  private final MemoryIdentifyAttempts identifyAttempts;
  private final MemoryDailySalts salts;
  private final MemoryScoreStore scores;
  private final MemoryOutboxReader outboxReader;
  private final MemoryWebhookStore webhooks;
  private final MemoryDeliveryLog deliveryLog;
  private final MemorySessionStore sessions;
  private final MemoryFormCountStore formCounts;
  private final MemoryFunnelIndex funnel = new MemoryFunnelIndex();
  private final MemoryLeadDeliveries leadDeliveries;
  private final MemoryErasedVisitors erasedVisitors = new MemoryErasedVisitors();
  private final MemoryErasures erasures;
  private final MemoryAuditLog audit = new MemoryAuditLog();
  private final MemoryAccountStore accounts = new MemoryAccountStore(outbox);

  public MemoryStores(Vertx vertx, Clock clock, int partitions) {
    this.events = new MemoryEventLog(vertx, clock, partitions);
    this.visitors = new MemoryVisitorStore(clock);
    this.stats = new MemoryStatsStore(clock);
    this.leads = new MemoryLeadStore(clock, visitors, erasedVisitors, outbox);
    this.rateLimits = new MemoryRateLimitStore(clock);
    this.identifyAttempts = new MemoryIdentifyAttempts(rateLimits);
    this.salts = new MemoryDailySalts(clock);
    this.scores = new MemoryScoreStore(leads);
    this.outboxReader = new MemoryOutboxReader(vertx, outbox);
    this.webhooks = new MemoryWebhookStore(vertx, outbox);
    this.deliveryLog = new MemoryDeliveryLog(clock);
    this.sessions = new MemorySessionStore(clock);
    this.formCounts = new MemoryFormCountStore(clock);
    this.leadDeliveries = new MemoryLeadDeliveries(webhooks, outbox);
    this.erasures = new MemoryErasures(clock);
  }

  public EventLog events() {
    return events;
  }

  public VisitorStore visitors() {
    return visitors;
  }

  public StatsStore stats() {
    return stats;
  }

  public MemoryOutbox outbox() {
    return outbox;
  }

  public LeadStore leads() {
    return leads;
  }

  public FunnelIndex funnel() {
    return funnel;
  }

  public FormCountStore formCounts() {
    return formCounts;
  }

  public SessionStore sessions() {
    return sessions;
  }

  public LeadSearch leadSearch() {
    return leadSearch;
  }

  public DailySalts salts() {
    return salts;
  }

  public IdentifyAttempts identifyAttempts() {
    return identifyAttempts;
  }

  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  public ScoreStore scores() {
    return scores;
  }

  public io.leadgate.accounts.AccountStore accounts() {
    return accounts;
  }

  public OutboxReader outboxReader() {
    return outboxReader;
  }

  public WebhookStore webhooks() {
    return webhooks;
  }

  public DeliveryLog deliveryLog() {
    return deliveryLog;
  }

  public LeadDeliveries leadDeliveries() {
    return leadDeliveries;
  }

  public ErasedVisitors erasedVisitors() {
    return erasedVisitors;
  }

  public ErasureStore erasures() {
    return erasures;
  }

  public AuditLog audit() {
    return audit;
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
