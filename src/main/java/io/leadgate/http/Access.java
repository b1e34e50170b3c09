package io.leadgate.http;

import io.leadgate.core.Forbidden;
import io.leadgate.core.Unauthorized;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/**
 * The role each {@code /api/} route needs, declared on the route and checked here, in one place. The caller was
 * established before by the guard on {@code /api/*} (a session or a bearer key); a route without a declared role
 * is caught by the test that walks the router's routes.
 */
public final class Access {
  /** The {@link Caller} of a request, put in the routing context by the guard. */
  public static final String CALLER = "leadgate.caller";
  /** The route metadata that holds the declared role's label, or {@link #PUBLIC}. */
  public static final String ROLE = "leadgate.role";
  public static final String PUBLIC = "public";
  /** Route metadata and request data: what personal data the route reads, for the audit log (privacy). */
  public static final String PERSONAL = "leadgate.personal";

  private Access() {
  }

  /** Declares that {@code route} needs {@code role} and adds the check as the route's first handler. */
  public static Route need(Route route, Role role) {
    return route.putMetadata(ROLE, role.label()).handler(ctx -> check(ctx, role));
  }

  /**
   * Declares that the route reads personal data ({@code what}: "lead detail"...): each answered request is written
   * to the audit log by whoever watches {@link #PERSONAL} (the privacy feature).
   */
  public static Route personal(Route route, String what) {
    return route.putMetadata(PERSONAL, what).handler(ctx -> {
      ctx.put(PERSONAL, what);
      ctx.next();
    });
  }

  /** Declares a route that anyone may call (signing in). */
  public static Route open(Route route) {
    return route.putMetadata(ROLE, PUBLIC);
  }

  /** The caller of a request that passed {@link #need}. */
  public static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    if (caller == null) {
      throw new Unauthorized("unauthenticated", "sign in or send an API key");
    }
    return caller;
  }

  private static void check(RoutingContext ctx, Role needed) {
    Caller caller = ctx.get(CALLER);
    if (caller == null) {
      ctx.fail(new Unauthorized("unauthenticated", "sign in or send an API key"));
    } else if (!caller.role().allows(needed)) {
      ctx.fail(new Forbidden("forbidden_role",
          "this needs the role " + needed.label() + " (" + caller.by() + " has " + caller.role().label() + ")"));
    } else {
      ctx.next();
    }
  }
}
