package io.leadgate.redis;

import io.leadgate.config.RedisConfig;
import io.leadgate.core.Backend;
import io.leadgate.ops.Metrics;
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
import java.util.List;

/** The production backend: every store on one Redis, a Redis Cluster or a master watched by Sentinels. */
public final class RedisStores implements Backend {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RedisStores.class.getName());
  private final RedisClient redis;
  private final NodeProbe probe;
  private final String description;
  private final RedisEventLog events;
  private final RedisVisitorStore visitors;
  private final RedisStatsStore stats;
  private final RedisOutbox outbox;
  private final RedisLeadStore leads;
  private final RedisLeadSearch leadSearch;
  private final RedisRateLimitStore rateLimits;
  private final RedisIdentifyAttempts identifyAttempts;
  private final RedisDailySalts salts;
  private final RedisScoreStore scores;
  private final RedisAccountStore accounts;
  private final RedisOutboxReader outboxReader;
  private final RedisWebhookStore webhooks;
  private final RedisDeliveryLog deliveryLog;
  private final RedisSessionStore sessions;
  private final RedisFormCountStore formCounts;
  private final RedisFunnelIndex funnel;
  private final RedisLeadDeliveries leadDeliveries;
  private final RedisErasedVisitors erasedVisitors;
  private final RedisErasures erasures;
  private final RedisAuditLog audit;

  private RedisStores(RedisClient redis, String description, int partitions, long timeoutMs, boolean replicated,
                      Metrics metrics) {
    this.redis = redis;
    this.probe = new NodeProbe(redis, metrics, NodeProbe.INTERVAL_MS, timeoutMs);
    this.description = description;
    this.outboxReader = new RedisOutboxReader(redis);
    this.events = new RedisEventLog(redis, partitions);
    this.visitors = new RedisVisitorStore(redis);
    this.stats = new RedisStatsStore(redis);
    this.outbox = new RedisOutbox(redis, outboxReader);
    this.leads = new RedisLeadStore(redis, new AofBarrier(redis, timeoutMs, replicated), outboxReader);
    this.leadSearch = new RedisLeadSearch(redis);
    this.rateLimits = new RedisRateLimitStore(redis);
    this.identifyAttempts = new RedisIdentifyAttempts(rateLimits);
    this.salts = new RedisDailySalts(redis);
    this.scores = new RedisScoreStore(redis, outboxReader);
    this.accounts = new RedisAccountStore(redis, outboxReader);
    this.webhooks = new RedisWebhookStore(redis, outboxReader);
    this.deliveryLog = new RedisDeliveryLog(redis);
    this.sessions = new RedisSessionStore(redis);
    this.formCounts = new RedisFormCountStore(redis);
    this.funnel = new RedisFunnelIndex(redis);
    this.leadDeliveries = new RedisLeadDeliveries(redis);
    this.erasedVisitors = new RedisErasedVisitors(redis);
    this.erasures = new RedisErasures(redis);
    this.audit = new RedisAuditLog(redis);
  }

  /**
   * Connects and prepares the consumer groups and scripts. Redis being down at start-up is not fatal: the
   * gateway answers 503 until it is reachable, and the groups are created when first read.
   *
   * @param partitions streams the event log is split into ({@code ingest.partitions})
   */
  public static Future<RedisStores> start(Vertx vertx, RedisConfig config, int partitions, Metrics metrics) {
    RedisClient client = new RedisClient(vertx, config, metrics);
    RedisStores stores = new RedisStores(client, config.describe(), partitions, config.timeoutMs(),
        config.isCluster() || config.isSentinel(), metrics);
    return ShardLayout.check(client)
        .compose(v -> stores.events.createGroups())
        .compose(v -> client.loadScripts(scripts()))
        .map(stores)
        .recover(e -> {
          if (e instanceof ShardLayout.Mismatch) {
            return client.close().transform(v -> Future.failedFuture(e));
          }
          LOG.warning(config.describe() + " does not answer at start (" + e.getMessage()
              + "): the gateway answers 503 until it does");
          return Future.succeededFuture(stores);
        })
        // per-node metrics, also while Redis does not answer yet (they say so)
        .onSuccess(s -> s.probe.start());
  }

  private static List<LuaScript> scripts() {
    List<LuaScript> scripts = new java.util.ArrayList<>(List.of(RedisEventLog.ACK,
        RedisVisitorStore.READ, RedisVisitorStore.WRITE, RedisStatsStore.COUNT,
        RedisLeadStore.APPLY, RedisLeadStore.LINK, RedisScoreStore.WRITE, RedisScoreStore.INDEX, RedisLeadSearch.INDEX,
        RedisAccountStore.WRITE, RedisAccountStore.INDEX));
    scripts.addAll(RedisWebhookStore.SCRIPTS);
    return scripts;
  }

  public RedisClient client() {
    return redis;
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

  public RedisOutbox outbox() {
    return outbox;
  }

  public LeadStore leads() {
    return leads;
  }

  public io.leadgate.accounts.AccountStore accounts() {
    return accounts;
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

  public OutboxReader outboxReader() {
    return outboxReader;
  }

  public WebhookStore webhooks() {
    return webhooks;
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

  public DeliveryLog deliveryLog() {
    return deliveryLog;
  }

  @Override
  public Future<Void> ping() {
    return redis.ping();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Future<Void> close() {
    return probe.close().transform(v -> redis.close());
  }
}
