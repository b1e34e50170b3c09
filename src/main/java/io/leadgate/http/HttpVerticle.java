package io.leadgate.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/** One HTTP server instance on its event loop; every instance serves the same routes on the shared port. */
public final class HttpVerticle extends VerticleBase {
  private final Function<Vertx, Router> routes;
  private final String host;
  private final int port;
  private HttpServer server;
  private Router router;

  public HttpVerticle(Function<Vertx, Router> routes, String host, int port) {
    this.routes = routes;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
            .setIdleTimeout(60).setCompressionSupported(false)
            // request bodies: RudderStack's SDK gzips its batches; the body limit applies to the inflated bytes
            .setDecompressionSupported(true))
        .invalidRequestHandler(ErrorHandler::invalidRequest)
        .requestHandler(router = routes.apply(vertx))
        .listen()
        .onSuccess(s -> server = s);
  }

  /** The routes this instance serves (every instance serves the same). */
  public Router router() {
    return router;
  }

  public int actualPort() {
    return server.actualPort();
  }
}
