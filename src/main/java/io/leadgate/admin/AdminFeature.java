package io.leadgate.admin;

import io.leadgate.core.Feature;
import io.leadgate.forms.RateLimitStore;
import io.leadgate.http.ClientIp;
import io.leadgate.http.RequestOrigin;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;

/**
 * Who may use {@code /api/*}: console sign-in ({@link SessionRoutes}) and the guard ({@link ApiKeyAuth}) that every
 * API route mounted after it passes. List it before every feature with API routes.
 */
public final class AdminFeature implements Feature {
  private final SessionRoutes sessionRoutes;
  private final ApiKeyAuth guard;

  /** @param publicUrl {@code server.publicUrl}, or null */
  public AdminFeature(ConsoleConfig console, List<ApiKeyConfig> keys, List<UserConfig> users, String publicUrl,
                      ClientIp clientIp, SessionStore sessionStore, RateLimitStore rateLimits, Vertx vertx,
                      Clock clock) {
    RequestOrigin origin = new RequestOrigin(publicUrl, clientIp);
    Sessions sessions = new Sessions(console, users, sessionStore, rateLimits, vertx, clock);
    this.sessionRoutes = new SessionRoutes(sessions, origin, clientIp);
    this.guard = new ApiKeyAuth(keys, sessions, origin);
  }

  @Override
  public void mount(Router router) {
    sessionRoutes.mount(router);
    guard.mount(router);
  }
}
