package io.leadgate.privacy;

import static io.leadgate.http.Access.need;

import io.leadgate.core.InvalidInput;
import io.leadgate.http.Access;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/privacy/export}, {@code POST /api/privacy/erase}, {@code GET /api/privacy/erasures/{id}} and
 * {@code GET /api/audit}: admin only.
 */
final class PrivacyRoutes {
  private final PrivacyService service;

  PrivacyRoutes(PrivacyService service) {
    this.service = service;
  }

  void mount(Router router) {
    Access.personal(need(router.get("/api/privacy/export"), Role.ADMIN), "export").handler(this::export);
    need(router.post("/api/privacy/erase"), Role.ADMIN).handler(this::erase);
    need(router.get("/api/privacy/erasures/:id"), Role.ADMIN).handler(ctx -> Handlers.call(ctx,
        () -> service.erasure(ctx.pathParam("id")), out -> json(ctx, 200, out)));
    need(router.get("/api/audit"), Role.ADMIN).handler(ctx -> Handlers.call(ctx,
        () -> service.audit(ctx.queryParams().get("before"), limit(ctx)), out -> json(ctx, 200, out)));
  }

  private void export(RoutingContext ctx) {
    Handlers.call(ctx, () -> {
      Subject subject = service.subject(ctx.queryParams().get("email"), ctx.queryParams().get("visitor"),
          ctx.queryParams().get("site"));
      ctx.put(AuditTrail.SUBJECT, service.subjectHash(subject));
      return service.export(subject);
    }, out -> json(ctx, 200, out));
  }

  private void erase(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String by = Access.caller(ctx).by();
    Handlers.call(ctx, () -> service.erase(service.subject(text(body, "email"), text(body, "visitor"),
        text(body, "site")), by), id -> json(ctx, 202, new JsonObject().put("erasure", id)));
  }

  private static int limit(RoutingContext ctx) {
    String value = ctx.queryParams().get("limit");
    if (value == null || value.isBlank()) {
      return 50;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= 500) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw InvalidInput.field("limit", "must be a whole number from 1 to 500 (was \"" + value + "\")");
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw InvalidInput.field(field, "must be a string");
    }
    return (String) value;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new InvalidInput("body_required", null, "send a JSON object: {\"email\": ...} or {\"visitor\": ...}");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidInput("invalid_json", null, "the body is not a JSON object");
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
