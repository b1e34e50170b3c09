package io.leadgate.testing;

import io.leadgate.Gateway;
import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.Transports;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A gateway started as {@code Main} starts it (on the transport its {@code server.transport} picks), on a free port, from YAML text: on the in-memory store, or on a
 * real Redis when {@code redisUrl} is given (a server or a cluster: {@link TestRedis}). Blocking helpers are for test threads only.
 */
public final class TestGateway implements AutoCloseable {
  private final Vertx vertx;
  private final Gateway gateway;
  private final WebClient client;

  private TestGateway(Vertx vertx, Gateway gateway) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.port()).setFollowRedirects(false));
  }

  /** @param yaml a configuration; its port is replaced by a free one */
  public static TestGateway start(String yaml, String redisUrl, Clock clock) {
    GatewayConfig config = new ConfigLoader().parse(yaml, "test.yaml");
    config = config.withServer(config.server().withPort(0));
    if (redisUrl != null) {
      config = config.withRedis(config.redis().withServers(TestRedis.config(redisUrl)));
    }
    Vertx vertx = Transports.vertx(config.server().transport());
    try {
      Gateway gateway = Gateway.start(vertx, config, clock).await(60, TimeUnit.SECONDS);
      return new TestGateway(vertx, gateway);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the gateway did not start", e);
    }
  }

  /** Starts from a configuration file, as {@code --config FILE} does (scoring rules reload from it). */
  public static TestGateway startFromFile(java.nio.file.Path file, String redisUrl, Clock clock) {
    GatewayConfig config = new ConfigLoader().load(file, java.util.Map.of());
    config = config.withServer(config.server().withPort(0));
    if (redisUrl != null) {
      config = config.withRedis(config.redis().withServers(TestRedis.config(redisUrl)));
    }
    Vertx vertx = Transports.vertx(config.server().transport());
    try {
      Gateway gateway = Gateway.start(vertx, config, clock, file).await(20, TimeUnit.SECONDS);
      return new TestGateway(vertx, gateway);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the gateway did not start", e);
    }
  }

  public static TestGateway start(String yaml, String redisUrl) {
    return start(yaml, redisUrl, Clock.systemUTC());
  }

  public WebClient client() {
    return client;
  }

  public Gateway gateway() {
    return gateway;
  }

  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return gateway.port();
  }

  @Override
  public void close() {
    try {
      gateway.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing vertx below releases everything anyway
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort in tests
    }
  }
}
