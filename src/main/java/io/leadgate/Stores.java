package io.leadgate;

import io.leadgate.accounts.AccountStore;
import io.leadgate.admin.SessionStore;
import io.leadgate.collect.EventLog;
import io.leadgate.core.Backend;
import io.leadgate.forms.FormCountStore;
import io.leadgate.forms.RateLimitStore;
import io.leadgate.funnel.FunnelIndex;
import io.leadgate.identity.DailySalts;
import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.VisitorStore;
import io.leadgate.memory.MemoryStores;
import io.leadgate.redis.RedisStores;
import io.leadgate.scoring.ScoreStore;
import io.leadgate.stats.StatsStore;
import io.leadgate.webhooks.DeliveryLog;
import io.leadgate.webhooks.LeadDeliveries;
import io.leadgate.collect.ErasedVisitors;
import io.leadgate.privacy.AuditLog;
import io.leadgate.privacy.ErasureStore;
import io.leadgate.webhooks.Outbox;
import io.leadgate.webhooks.OutboxReader;
import io.leadgate.webhooks.WebhookStore;
import io.vertx.core.Future;

/**
 * Every port the features use, from one backend (Redis or in-memory). The composition root hands each feature the
 * ports it owns or reads; the features never see this bundle, and the adapters never see the features' mounts.
 *
 * @param leadSearch       finding leads by email domain and by the words of their name and company
 * @param identifyAttempts counts {@code identify} attempts per visitor (its rate limit)
 * @param outboxReader     the outbox's reading side (consumer groups), for the webhook dispatcher
 * @param webhooks         webhook deliveries: per-lead queues, ready lines, retries, dead letters, endpoint state
 * @param deliveryLog      every webhook attempt, per endpoint and per lead
 * @param sessions         console sign-in sessions
 * @param formCounts       what became of each form's submissions, per site and day
 * @param funnel           a site's leads by the time they were made
 * @param leadDeliveries   what the webhook stores hold about one lead (export, erasure)
 * @param erasedVisitors   tombstones of erased visitors (the projector drops their events)
 * @param erasures         erasures' progress, leases, email tombstones, the privacy key
 * @param audit            who read or erased personal data
 * @param accounts         accounts: a company's leads together, on the account's own shard
 * @param salts            the days' salts of cookieless visitors
 */
public record Stores(EventLog events, VisitorStore visitors, StatsStore stats, Outbox outbox, LeadStore leads,
                     LeadSearch leadSearch, IdentifyAttempts identifyAttempts, RateLimitStore rateLimits,
                     ScoreStore scores, OutboxReader outboxReader, WebhookStore webhooks,
                     DeliveryLog deliveryLog, SessionStore sessions, FormCountStore formCounts, FunnelIndex funnel,
                     LeadDeliveries leadDeliveries, ErasedVisitors erasedVisitors, ErasureStore erasures,
                     AuditLog audit, AccountStore accounts, DailySalts salts, Backend backend) {

  public static Stores of(RedisStores redis) {
    return new Stores(redis.events(), redis.visitors(), redis.stats(), redis.outbox(), redis.leads(),
        redis.leadSearch(), redis.identifyAttempts(), redis.rateLimits(), redis.scores(), redis.outboxReader(),
        redis.webhooks(), redis.deliveryLog(), redis.sessions(), redis.formCounts(), redis.funnel(),
        redis.leadDeliveries(), redis.erasedVisitors(), redis.erasures(), redis.audit(), redis.accounts(), redis.salts(), redis);
  }

  public static Stores of(MemoryStores memory) {
    return new Stores(memory.events(), memory.visitors(), memory.stats(), memory.outbox(), memory.leads(),
        memory.leadSearch(), memory.identifyAttempts(), memory.rateLimits(), memory.scores(), memory.outboxReader(),
        memory.webhooks(), memory.deliveryLog(), memory.sessions(), memory.formCounts(), memory.funnel(),
        memory.leadDeliveries(), memory.erasedVisitors(), memory.erasures(), memory.audit(), memory.accounts(), memory.salts(), memory);
  }

  /** Succeeds when the backend answers. */
  public Future<Void> ping() {
    return backend.ping();
  }

  /** A line for the start-up log: what the data lives in. */
  public String describe() {
    return backend.describe();
  }

  public Future<Void> close() {
    return backend.close();
  }
}
