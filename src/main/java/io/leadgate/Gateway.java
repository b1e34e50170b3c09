package io.leadgate;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.collect.Backlog;
import io.leadgate.collect.BotFilter;
import io.leadgate.collect.CollectRoutes;
import io.leadgate.collect.CollectService;
import io.leadgate.collect.IntakeRate;
import io.leadgate.collect.ProjectionListener;
import io.leadgate.collect.ProjectionPacer;
import io.leadgate.collect.Projector;
import io.leadgate.collect.SnippetRoutes;
import io.leadgate.config.SiteConfig;
import io.leadgate.forms.DomainLists;
import io.leadgate.forms.FormConfig;
import io.leadgate.forms.FormsRoutes;
import io.leadgate.forms.FormsService;
import io.leadgate.forms.SignedTokens;
import io.leadgate.http.ClientIp;
import io.leadgate.http.DemoRoutes;
import io.leadgate.http.GatewayRouter;
import io.leadgate.http.HttpVerticle;
import io.leadgate.identity.LeadHistory;
import io.leadgate.identity.LeadIds;
import io.leadgate.ops.Metrics;
import io.leadgate.ops.OpsRoutes;
import io.leadgate.scoring.LeadApiRoutes;
import io.leadgate.scoring.LeadsService;
import io.leadgate.scoring.ScoringListener;
import io.leadgate.scoring.ScoringReloader;
import io.leadgate.scoring.ScoringRules;
import io.leadgate.scoring.ScoringService;
import io.leadgate.stats.StatsRoutes;
import io.leadgate.stats.StatsService;
import io.leadgate.store.Stores;
import io.leadgate.store.memory.MemoryStores;
import io.leadgate.store.redis.RedisStores;
import io.leadgate.webhooks.Dispatcher;
import io.leadgate.webhooks.Endpoint;
import io.leadgate.webhooks.EndpointResolution;
import io.leadgate.webhooks.WebhookRoutes;
import io.leadgate.webhooks.WebhookService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The assembled gateway: builds the stores and features from the configuration, deploys the projector and
 * the HTTP instances, and stops them again. Tests start it exactly as {@link Main} does.
 */
public final class Gateway {
  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Stores stores;
  private final Metrics metrics;
  private final List<String> deployments = new ArrayList<>();
  private int port;
  private ScoringService scoring;
  private long scoringWatch = -1;

  private Gateway(Vertx vertx, GatewayConfig config, Stores stores, Metrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.stores = stores;
    this.metrics = metrics;
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Clock clock) {
    return start(vertx, config, clock, null);
  }

  /** @param configFile the file the configuration came from (scoring rules are reloaded from it); null: none */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Clock clock, Path configFile) {
    Metrics metrics = new Metrics();
    // read here, on the caller's thread: the lists are large and deploy() may run on an event loop
    DomainLists lists = DomainLists.shipped();
    return EndpointResolution.check(vertx, config.webhooks())
        .compose(v -> config.redis().enabled()
            ? RedisStores.start(vertx, config.redis(), config.ingest().partitions(), metrics).map(s -> (Stores) s)
            : Future.succeededFuture(new MemoryStores(vertx, clock, config.ingest().partitions())))
        .compose(s -> new Gateway(vertx, config, s, metrics).deploy(clock, lists, configFile));
  }

  private Future<Gateway> deploy(Clock clock, DomainLists lists, Path configFile) {
    Map<String, SiteConfig> sites = config.sitesByKey();
    Backlog backlog = new Backlog(config.ingest().maxBacklog());
    backlog.watch(vertx, stores.events(), metrics);
    IntakeRate intakeRate = new IntakeRate();
    intakeRate.watch(vertx);
    CollectService collect = new CollectService(sites, stores.events(), BotFilter.shipped(), backlog, intakeRate,
        metrics);
    ClientIp clientIp = new ClientIp(config.server().trustedProxies());
    SnippetRoutes snippet = SnippetRoutes.shipped();

    List<Consumer<Router>> features = new ArrayList<>();
    // first, so that it guards every /api/ route mounted after it
    features.add(new ApiKeyAuth(config.apiKeys())::mount);
    features.add(new CollectRoutes(collect, clientIp, clock)::mount);
    if (snippet != null) {
      features.add(snippet::mount);
    }
    features.add(new FormsRoutes(forms(clock, lists), clientIp, config.server().publicUrl())::mount);
    features.add(new OpsRoutes(stores, metrics)::mount);
    ScoringRules scoringRules = new ScoringRules(config.scoring(), sites.keySet(), lists::isFreeMail, clock);
    scoring = new ScoringService(stores.leads(), stores.scores(), stores.visitors(), scoringRules, clock, metrics);
    ScoringReloader reloader = new ScoringReloader(vertx, configFile, scoringRules,
        (text, source) -> new ConfigLoader().parse(text, source).scoring());
    features.add(new LeadApiRoutes(new LeadsService(stores.leads(), stores.scores(), scoring,
        new LeadHistory(stores.leads(), stores.visitors()), sites.keySet()), reloader, scoringRules)::mount);
    if (config.scoring().watchSeconds() > 0) {
      scoringWatch = reloader.watch(config.scoring().watchSeconds() * 1000L);
    }
    features.add(new StatsRoutes(new StatsService(sites, stores.stats(), clock))::mount);
    features.add(new WebhookRoutes(new WebhookService(config.webhooks(), stores.webhooks(), stores.deliveryLog()))::mount);
    if (config.server().demoPage()) {
      features.add(DemoRoutes::mount);
    }
    List<ProjectionListener> listeners = new ArrayList<>();
    listeners.add(new ScoringListener(scoring));

    ProjectionPacer pacer = new ProjectionPacer(intakeRate, backlog, config.ingest().busyAbove(),
        config.ingest().busyShare());
    Projector projector = new Projector(stores, sites, listeners, metrics, config.ingest().batchSize(), pacer);
    List<HttpVerticle> servers = new ArrayList<>();
    return vertx.deployVerticle(projector)
        .onSuccess(deployments::add)
        .compose(id -> vertx.deployVerticle(() -> {
          HttpVerticle server = new HttpVerticle(v -> GatewayRouter.create(v, metrics, config.server().bodyLimit(),
              anySiteAllows(config.sites()), features),
              config.server().host(), config.server().port());
          synchronized (servers) {
            servers.add(server);
          }
          return server;
        }, new DeploymentOptions().setInstances(config.server().instances())))
        .onSuccess(deployments::add)
        .compose(id -> deployDispatcher(clock))
        .map(v -> {
          port = servers.get(0).actualPort();
          return this;
        });
  }

  private FormsService forms(Clock clock, DomainLists lists) {
    String secret = config.secret();
    if (secret == null) {
      secret = SignedTokens.randomSecret();
      if (!config.forms().isEmpty()) {
        LOG.warning("no secret configured: form tokens and download links are signed with a random secret that dies "
            + "with this process and differs on every instance; set secret: (32+ characters) in the configuration");
      }
    }
    Map<String, String> secrets = new java.util.HashMap<>();
    for (FormConfig form : config.forms()) {
      secrets.put(form.id(), form.secret() != null ? form.secret() : secret);
    }
    return new FormsService(config.forms(), config.sitesByKey(), stores, new SignedTokens(secrets, clock), lists,
        secret, config.assetsFolder(), metrics, clock, new LeadIds());
  }

  /** The webhook dispatcher, when any endpoint is configured: one per instance, all sharing the work. */
  private Future<Void> deployDispatcher(Clock clock) {
    if (config.webhooks().isEmpty()) {
      return Future.succeededFuture();
    }
    double jitter = config.webhookDelivery().jitter();
    List<Endpoint> endpoints = config.webhooks().stream().map(e -> Endpoint.of(e, jitter)).toList();
    Dispatcher dispatcher = new Dispatcher(stores.outboxReader(), stores.webhooks(), stores.deliveryLog(), endpoints,
        config.webhookDelivery(), clock, metrics, null, () -> ThreadLocalRandom.current().nextDouble());
    return vertx.deployVerticle(dispatcher).onSuccess(deployments::add).mapEmpty();
  }

  /** Whether some site allows an origin, answered without walking every site's list on every request. */
  static Predicate<String> anySiteAllows(List<SiteConfig> sites) {
    if (sites.stream().anyMatch(site -> site.allowedOrigins().contains("*"))) {
      return origin -> true;
    }
    Set<String> origins = sites.stream().flatMap(site -> site.allowedOrigins().stream()).collect(Collectors.toUnmodifiableSet());
    return origin -> origin != null && origins.contains(origin);
  }

  public int port() {
    return port;
  }

  public Stores stores() {
    return stores;
  }

  public Metrics metrics() {
    return metrics;
  }

  public GatewayConfig config() {
    return config;
  }

  /** Scoring: the rules in force, lead scores and stages. */
  public ScoringService scoring() {
    return scoring;
  }

  /** Undeploys the servers, the projector and the dispatcher and closes the store. */
  public Future<Void> stop() {
    if (scoringWatch >= 0) {
      vertx.cancelTimer(scoringWatch);
    }
    List<Future<Void>> undeploys = new ArrayList<>();
    deployments.forEach(id -> undeploys.add(vertx.undeploy(id)));
    return Future.join(undeploys).transform(v -> stores.close());
  }
}
