package io.leadgate;

import io.leadgate.accounts.AccountDomains;
import io.leadgate.accounts.AccountsFeature;
import io.leadgate.admin.AdminFeature;
import io.leadgate.collect.CollectFeature;
import io.leadgate.collect.ErasedVisitorFilter;
import io.leadgate.collect.IdentifyListener;
import io.leadgate.core.KeyedHash;
import io.leadgate.privacy.PrivacyFeature;
import io.leadgate.privacy.PrivacyPorts;
import io.leadgate.webhooks.EndpointConfig;
import io.leadgate.config.SiteConfig;
import io.leadgate.console.ConsoleFeature;
import io.leadgate.core.Feature;
import io.leadgate.demo.DemoCrm;
import io.leadgate.demo.DemoData;
import io.leadgate.demo.SeedClock;
import io.leadgate.forms.DomainLists;
import io.leadgate.forms.FormsFeature;
import io.leadgate.funnel.FunnelFeature;
import io.leadgate.http.ClientIp;
import io.leadgate.http.DemoRoutes;
import io.leadgate.http.GatewayRouter;
import io.leadgate.http.HttpVerticle;
import io.leadgate.identity.ConsentService;
import io.leadgate.identity.CookielessIds;
import io.leadgate.identity.IdentityFeature;
import io.leadgate.http.OpenApiRoutes;
import io.leadgate.memory.MemoryStores;
import io.leadgate.ops.Metrics;
import io.leadgate.ops.OpsRoutes;
import io.leadgate.redis.RedisStores;
import io.leadgate.scoring.ScoringFeature;
import io.leadgate.scoring.ScoringService;
import io.leadgate.segment.SegmentFeature;
import io.leadgate.stats.StatsFeature;
import io.leadgate.webhooks.EndpointResolution;
import io.leadgate.webhooks.WebhooksFeature;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The composition root: builds the stores (Redis or in-memory) and the list of features from the configuration,
 * starts each feature (the projector, the dispatcher, timers), then the HTTP instances that serve their routes,
 * and stops them again. The only class that knows the adapters. Tests start it exactly as {@link Main} does.
 */
public final class Gateway {
  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Stores stores;
  private final Metrics metrics;
  private final List<Feature> features = new ArrayList<>();
  private String httpDeployment;
  private int port;
  private Router router;
  private ScoringService scoring;
  private FormsFeature forms;
  private Clock clock;
  private DemoCrm demoCrm;
  private KeyedHash privacyHash;
  private PrivacyFeature privacy;

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
    if (config.demo().data()) {
      // the demo's CRM receives the demo month's webhooks; the gateway runs on a clock the filling moves
      return DemoCrm.start(vertx).compose(crm -> startOn(vertx, config.withWebhook(crm.endpoint()),
              new SeedClock(clock), configFile, crm)
          .onFailure(e -> crm.stop()));
    }
    return startOn(vertx, config, clock, configFile, null);
  }

  private static Future<Gateway> startOn(Vertx vertx, GatewayConfig config, Clock clock, Path configFile,
                                         DemoCrm demoCrm) {
    Metrics metrics = new Metrics();
    // read here, on the caller's thread: the lists are large and deploy() may run on an event loop
    DomainLists lists = DomainLists.shipped();
    AccountDomains.loadPublicSuffixList();
    OpenApiRoutes openApi = OpenApiRoutes.shipped();
    return EndpointResolution.check(vertx, config.webhooks())
        .compose(v -> config.redis().enabled()
            ? RedisStores.start(vertx, config.redis(), config.ingest().partitions(), metrics).map(Stores::of)
            : Future.succeededFuture(Stores.of(new MemoryStores(vertx, clock, config.ingest().partitions()))))
        .compose(s -> PrivacyKey.of(config.secret(), s.erasures()).compose(key -> {
          Gateway gateway = new Gateway(vertx, config, s, metrics);
          gateway.demoCrm = demoCrm;
          gateway.privacyHash = key;
          return gateway.deploy(clock, lists, openApi, configFile);
        }));
  }

  private Future<Gateway> deploy(Clock clock, DomainLists lists, OpenApiRoutes openApi, Path configFile) {
    this.clock = clock;
    features.addAll(features(clock, lists, configFile));
    features.add(Feature.routes(openApi::mount));
    List<HttpVerticle> servers = new ArrayList<>();
    Future<Void> started = Future.succeededFuture();
    for (Feature feature : features) {
      started = started.compose(v -> feature.start(vertx));
    }
    return started
        // the demo month goes in before the port opens: the first look sees it whole
        .compose(v -> demoCrm == null ? Future.succeededFuture() : fillDemoMonth())
        .compose(v -> vertx.deployVerticle(() -> {
          HttpVerticle server = new HttpVerticle(this::router, config.server().host(), config.server().port());
          synchronized (servers) {
            servers.add(server);
          }
          return server;
        }, new DeploymentOptions().setInstances(config.server().instances())))
        .onSuccess(id -> httpDeployment = id)
        .map(id -> {
          port = servers.get(0).actualPort();
          router = servers.get(0).router();
          return this;
        });
  }

  /** Every feature, each with its configuration section and the ports it uses, in the order they mount. */
  private List<Feature> features(Clock clock, DomainLists lists, Path configFile) {
    Map<String, SiteConfig> sites = config.sitesByKey();
    ClientIp clientIp = new ClientIp(config.server().trustedProxies());
    ScoringFeature scoringFeature = new ScoringFeature(config.scoring(), zones(sites), lists::isFreeMail,
        configFile, (text, source) -> new ConfigLoader().parse(text, source).scoring(), stores.leads(),
        stores.leadSearch(), stores.scores(), stores.visitors(), metrics, clock, vertx);
    scoring = scoringFeature.service();
    AccountsFeature accounts = new AccountsFeature(config.accounts(), sites.keySet(),
        new AccountDomains(lists, config.accounts().aliases()), stores.accounts(), stores.leads(), stores.scores(),
        scoring, clock);
    List<Feature> features = new ArrayList<>();
    // sign-in and the /api/ guard first, so that the guard stands before every /api/ route mounted after it
    features.add(new AdminFeature(config.console(), config.apiKeys(), config.users(), config.server().publicUrl(), clientIp,
        stores.sessions(), stores.rateLimits(), vertx, clock));
    FunnelFeature funnel = new FunnelFeature(sites, stores.funnel(), stores.leads(), stores.stats(), clock);
    ErasedVisitorFilter erased = new ErasedVisitorFilter(stores.erasedVisitors(), privacyHash);
    ConsentService consents = new ConsentService(sites.keySet(), stores.leads(), stores.visitors(), clock);
    forms = new FormsFeature(config.forms(), sites, config.secret(), config.assetsFolder(),
        config.server().publicUrl(), clientIp, lists, stores.leads(), stores.visitors(), stores.events(),
        stores.rateLimits(), stores.leadSearch(), stores.formCounts(), stores.stats(), erased, metrics, clock);
    privacy = new PrivacyFeature(new PrivacyPorts(stores.leads(), stores.visitors(), stores.leadSearch(),
        stores.identifyAttempts(), stores.scores(), stores.funnel(), stores.leadDeliveries(), stores.deliveryLog(),
        stores.outbox(), stores.erasures(), stores.audit(), erased, forms.service()::forgetEmail,
        scoringFeature.leads()::profile, (site, lead) -> accounts.service().removeLead(site, lead, "erased")),
        privacyHash, List.copyOf(sites.keySet()), retentionDays(),
        config.webhooks().stream().map(EndpointConfig::id).toList(), clock);
    // the audit trail watches the routes mounted after it
    features.add(privacy.auditTrail());
    CollectFeature collect = new CollectFeature(config.ingest(), sites, clientIp, stores.events(), stores.visitors(),
        stores.stats(), List.of(accounts.after(scoringFeature.listener()), funnel.listener(),
            new IdentifyListener(stores.leads(), stores.identifyAttempts(), metrics)), metrics, clock, erased,
        new CookielessIds(stores.salts(), clock), consents);
    features.add(collect);
    features.add(new SegmentFeature(config.segment(), config.sites(), collect.service(), clientIp, clock));
    features.add(forms);
    features.add(new IdentityFeature(stores.leads(), stores.leadSearch(), sites.keySet(), consents));
    features.add(new OpsRoutes(stores.backend(), metrics));
    features.add(scoringFeature);
    features.add(accounts);
    features.add(funnel);
    features.add(new StatsFeature(sites, stores.stats(), clock));
    features.add(new WebhooksFeature(config.webhooks(), config.webhookDelivery(), stores.outboxReader(),
        stores.webhooks(), stores.deliveryLog(), metrics, clock));
    features.add(privacy);
    features.add(new ConsoleFeature(sites));
    if (config.server().demoPage()) {
      features.add(Feature.routes(DemoRoutes::mount));
    }
    return features;
  }

  /** The sites that set {@code leadRetentionDays}, with their days. */
  private Map<String, Integer> retentionDays() {
    return config.sites().stream().filter(s -> s.leadRetentionDays() != null)
        .collect(Collectors.toUnmodifiableMap(SiteConfig::key, SiteConfig::leadRetentionDays));
  }

  /** Privacy: export, erasure, retention, the audit log. */
  public PrivacyFeature privacy() {
    return privacy;
  }

  /**
   * Fills the first site with the demo month (demo.data), on the seed clock the gateway was started with. On Redis
   * the data stays: it is written only into a store without leads of the site, unless demo.nonEmpty says so.
   */
  private Future<Void> fillDemoMonth() {
    SiteConfig site = config.sites().get(0);
    if (config.redis().enabled()) {
      LOG.warning("demo data: writing a month of made-up visitors and leads into Redis (" + stores.describe()
          + "), site " + site.key() + "; they stay there");
    }
    DemoData demo = new DemoData(vertx, (SeedClock) clock, stores.events(), forms.service(), scoring, stores.leads(),
        site.key(), site.zone());
    return demo.fill(config.demo().nonEmpty())
        .<Void>mapEmpty()
        .recover(e -> stop().transform(v -> Future.failedFuture(e)));
  }

  /**
   * A router with every feature's routes, as each HTTP instance serves it (one per instance: routers are not
   * shared between event loops). Tests read its routes to check the API's declared roles and its documentation.
   */
  public Router router(Vertx on) {
    List<Consumer<Router>> routes = features.stream().<Consumer<Router>>map(f -> f::mount).toList();
    return GatewayRouter.create(on, metrics, config.server().bodyLimit(),
        Map.of(SegmentFeature.PATH_PREFIX, SegmentFeature.BODY_LIMIT), anySiteAllows(config.sites()), routes);
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

  /** The routes the HTTP instances serve: what a test that must reach every route enumerates. */
  public Router router() {
    return router;
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

  /** Undeploys the servers and stops every feature (the projector, the dispatcher), then closes the store. */
  public Future<Void> stop() {
    List<Future<Void>> stops = new ArrayList<>();
    if (httpDeployment != null) {
      stops.add(vertx.undeploy(httpDeployment));
    }
    features.forEach(feature -> stops.add(feature.stop(vertx)));
    if (demoCrm != null) {
      stops.add(demoCrm.stop());
    }
    return Future.join(stops).transform(v -> stores.close());
  }

  private static Map<String, ZoneId> zones(Map<String, SiteConfig> sites) {
    Map<String, ZoneId> zones = new LinkedHashMap<>();
    sites.forEach((key, site) -> zones.put(key, site.zone()));
    return zones;
  }
}
