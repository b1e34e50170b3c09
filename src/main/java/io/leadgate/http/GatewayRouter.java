package io.leadgate.http;

import io.leadgate.ops.Metrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The router every HTTP instance serves: request metrics, CORS on the browser-facing paths, the body limit,
 * then each feature's routes, and one error handler for everything that fails.
 */
public final class GatewayRouter {
  /** Paths a browser on a customer's site calls cross-origin. */
  public static final List<String> BROWSER_PATHS = List.of("/e", "/p.gif", "/f/*", "/d/*");

  private GatewayRouter() {
  }

  public static Router create(Vertx vertx, Metrics metrics, int bodyLimit, Predicate<String> anySiteAllows,
                              List<Consumer<Router>> features) {
    Router router = Router.router(vertx);
    ErrorHandler errors = new ErrorHandler();
    router.route().handler(ctx -> {
      ctx.addEndHandler(v -> metrics.httpRequest(ctx.request().method().name(), ctx.response().getStatusCode()));
      ctx.next();
    });
    Cors cors = new Cors(anySiteAllows);
    BROWSER_PATHS.forEach(path -> router.route(path).handler(cors));
    router.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    features.forEach(feature -> feature.accept(router));
    router.route().failureHandler(errors);
    router.errorHandler(405, errors);
    router.errorHandler(404, errors);
    router.errorHandler(500, errors);
    return router;
  }
}
