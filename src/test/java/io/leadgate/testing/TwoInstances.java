package io.leadgate.testing;

import io.leadgate.Stores;
import io.leadgate.Transports;
import io.leadgate.config.NetworkTransport;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two gateway instances' Redis stores on one store, emptied before each test: what the contract suites mean by
 * "two instances writing" (compare-and-set races, one instance reading what the other wrote).
 * {@code @RegisterExtension static final TwoInstances redis = TwoInstances.onServer();} or {@code onCluster()}.
 */
public final class TwoInstances implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final OneStore store;
  private Vertx vertx;
  private RedisStores first;
  private RedisStores second;

  private TwoInstances(OneStore store) {
    this.store = store;
  }

  /** On a standalone redis-server of the test class's own. */
  public static TwoInstances onServer() {
    return new TwoInstances(OneStore.onServer());
  }

  /** On the suite's shared 3+3 cluster ({@link RedisCluster#shared()}). */
  public static TwoInstances onCluster() {
    return new TwoInstances(OneStore.onCluster());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    store.open();
    String url = store.url();
    vertx = Transports.vertx(NetworkTransport.AUTO); // the stores on the socket layer users run them on
    first = RedisStores.start(vertx, TestRedis.config(url), 2, new Metrics()).await(30, TimeUnit.SECONDS);
    second = RedisStores.start(vertx, TestRedis.config(url), 2, new Metrics()).await(30, TimeUnit.SECONDS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    first.close().await(30, TimeUnit.SECONDS);
    second.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
    store.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    store.flush();
  }

  public Stores first() {
    return Stores.of(first);
  }

  public Stores second() {
    return Stores.of(second);
  }

  /** The standalone server, for a test that reads its keys directly; none on a cluster. */
  public RedisServer server() {
    return store.server();
  }
}
