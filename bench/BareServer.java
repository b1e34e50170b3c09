import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The baseline for bench/collect.sh: plain Vert.x (the gateway's own version, from its jar) reading the whole
 * POST body and answering 204, on as many event loops as the gateway's HTTP instances. No router, no Redis.
 *
 * <pre>java -cp target/leadgate.jar bench/BareServer.java PORT [INSTANCES]</pre>
 */
public final class BareServer {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new Server(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("bare server on 127.0.0.1:" + port + " (" + instances + " instances)"))
        .onFailure(e -> {
          System.err.println("bare server could not start: " + e);
          System.exit(1);
        });
  }

  static final class Server extends VerticleBase {
    private final int port;

    Server(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setIdleTimeout(60))
          .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(204).end()))
          .listen();
    }
  }
}
