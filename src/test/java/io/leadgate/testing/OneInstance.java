package io.leadgate.testing;

import io.leadgate.Stores;
import io.leadgate.Transports;
import io.leadgate.config.NetworkTransport;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway instance's Redis stores, opened for each test on an emptied store and closed after it: what a store
 * contract suite runs on when nothing may outlive a test. The sibling of {@link TwoInstances}.
 * {@code @RegisterExtension static final OneInstance redis = OneInstance.onServer();} or {@code onCluster()}.
 */
public final class OneInstance implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final OneStore store;
  private Vertx vertx;
  private RedisStores stores;

  private OneInstance(OneStore store) {
    this.store = store;
  }

  /** On a standalone redis-server of the test class's own. */
  public static OneInstance onServer() {
    return new OneInstance(OneStore.onServer());
  }

  /** On the suite's shared 3+3 cluster ({@link RedisCluster#shared()}). */
  public static OneInstance onCluster() {
    return new OneInstance(OneStore.onCluster());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    store.open();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    store.flush();
    vertx = Transports.vertx(NetworkTransport.AUTO); // the stores on the socket layer users run them on
    stores = RedisStores.start(vertx, TestRedis.config(store.url()), 2, new Metrics()).await(30, TimeUnit.SECONDS);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stores.close();
    vertx.close();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    store.close();
  }

  public Stores stores() {
    return Stores.of(stores);
  }

  /** The standalone server, for a test that reads its keys directly; none on a cluster. */
  public RedisServer server() {
    return store.server();
  }
}
