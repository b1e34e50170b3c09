package io.leadgate;

import io.leadgate.collect.Backlog;
import io.leadgate.collect.BotFilter;
import io.leadgate.collect.CollectRoutes;
import io.leadgate.collect.CollectService;
import io.leadgate.collect.ProjectionListener;
import io.leadgate.collect.Projector;
import io.leadgate.collect.SnippetRoutes;
import io.leadgate.config.GatewayConfig;
import io.leadgate.config.SiteConfig;
import io.leadgate.http.ClientIp;
import io.leadgate.http.DemoRoutes;
import io.leadgate.http.GatewayRouter;
import io.leadgate.http.HttpVerticle;
import io.leadgate.ops.Metrics;
import io.leadgate.ops.OpsRoutes;
import io.leadgate.store.Stores;
import io.leadgate.store.memory.MemoryStores;
import io.leadgate.store.redis.RedisStores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The assembled gateway: builds the stores and features from the configuration, deploys the projector and
 * the HTTP instances, and stops them again. Tests start it exactly as {@link Main} does.
 */
public final class Gateway {
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Stores stores;
  private final Metrics metrics;
  private final List<String> deployments = new ArrayList<>();
  private int port;

  private Gateway(Vertx vertx, GatewayConfig config, Stores stores, Metrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.stores = stores;
    this.metrics = metrics;
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Clock clock) {
    Metrics metrics = new Metrics();
    Future<Stores> stores = config.redis().enabled()
        ? RedisStores.start(vertx, config, metrics).map(s -> (Stores) s)
        : Future.succeededFuture(new MemoryStores(vertx, clock, config.ingest().partitions()));
    return stores.compose(s -> new Gateway(vertx, config, s, metrics).deploy(clock));
  }

  private Future<Gateway> deploy(Clock clock) {
    Map<String, SiteConfig> sites = config.sitesByKey();
    Backlog backlog = new Backlog(config.ingest().maxBacklog());
    backlog.watch(vertx, stores.events(), metrics);
    CollectService collect = new CollectService(sites, stores.events(), BotFilter.shipped(), backlog, metrics);
    ClientIp clientIp = new ClientIp(config.server().trustedProxies());
    SnippetRoutes snippet = SnippetRoutes.shipped();

    List<Consumer<Router>> features = new ArrayList<>();
    features.add(new CollectRoutes(collect, clientIp, clock)::mount);
    if (snippet != null) {
      features.add(snippet::mount);
    }
    features.add(new OpsRoutes(stores, metrics)::mount);
    if (config.server().demoPage()) {
      features.add(DemoRoutes::mount);
    }
    List<ProjectionListener> listeners = new ArrayList<>();

    Projector projector = new Projector(stores, sites, listeners, metrics, config.ingest().batchSize());
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
        .map(id -> {
          port = servers.get(0).actualPort();
          return this;
        });
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

  /** Undeploys the servers and the projector and closes the store. */
  public Future<Void> stop() {
    List<Future<Void>> undeploys = new ArrayList<>();
    deployments.forEach(id -> undeploys.add(vertx.undeploy(id)));
    return Future.join(undeploys).transform(v -> stores.close());
  }
}
