package io.leadgate.privacy;

import io.leadgate.http.Access;
import io.leadgate.http.Caller;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Writes an audit entry for every answered request of a route that declares it reads personal data
 * ({@link Access#personal}): who (the API key or console user), when, what (the route) and about whom (the route's
 * path parameters, or the keyed hash a handler put in {@link #SUBJECT}; never a query string, which may hold an
 * email). Mounted on {@code /api/*} before the routes it watches.
 */
final class AuditTrail {
  /** A handler may name the subject of its read here (a keyed hash, a lead id). */
  static final String SUBJECT = "leadgate.audit.subject";
  private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
  private final AuditLog log;
  private final Clock clock;

  AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void mount(Router router) {
    router.route("/api/*").handler(ctx -> {
      ctx.addEndHandler(ended -> {
        String what = ctx.get(Access.PERSONAL);
        if (what != null && ctx.response().getStatusCode() < 400) {
          write(ctx, what);
        }
      });
      ctx.next();
    });
  }

  private void write(RoutingContext ctx, String what) {
    Caller caller = ctx.get(Access.CALLER);
    Object subject = ctx.get(SUBJECT);
    JsonObject entry = new JsonObject().put("at", clock.millis()).put("who", caller == null ? "unknown" : caller.by())
        .put("action", "read").put("what", what);
    if (subject != null) {
      entry.put("subject", subject.toString());
    } else if (!ctx.pathParams().isEmpty()) {
      entry.put("subject", new JsonObject(new java.util.TreeMap<>(ctx.pathParams())).encode());
    }
    log.append(entry).onFailure(e -> LOG.warning("audit entry not written (" + what + " by " + entry.getString("who")
        + "): " + e.getMessage()));
  }
}
