package io.leadgate.webhooks;

import static io.leadgate.http.Access.need;

import io.leadgate.http.Access;
import io.leadgate.core.InvalidInput;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.leadgate.webhooks.DeliveryLog.Attempt;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * The webhook API under {@code /api/webhooks} (API key required, see {@code admin.ApiKeyAuth}):
 * <pre>
 * GET  /api/webhooks                          endpoints with state and queue sizes
 * GET  /api/webhooks/{endpoint}               one of them
 * GET  /api/webhooks/{endpoint}/deliveries    newest attempts (?lead=ID for one lead, ?limit=N)
 * GET  /api/webhooks/{endpoint}/dead          dead letters (?since=TIME, ?limit=N)
 * GET  /api/webhooks/{endpoint}/speed-to-lead form answered to lead delivered: median, p90 (?from=TIME&to=TIME)
 * POST /api/webhooks/{endpoint}/replay        {"id": MESSAGE} or {"since": TIME} (admin; recorded in the ops events)
 * POST /api/webhooks/{endpoint}/enable        enable a disabled endpoint again (admin; recorded too)
 * GET  /api/ops/events                        operational events (endpoint.disabled...)
 * </pre>
 */
public final class WebhookRoutes {
  private final WebhookService service;

  public WebhookRoutes(WebhookService service) {
    this.service = service;
  }

  public void mount(Router router) {
    need(router.get("/api/webhooks"), Role.VIEWER).handler(ctx -> Handlers.call(ctx, service::list,
        list -> json(ctx, 200, list)));
    need(router.get("/api/webhooks/:endpoint"), Role.VIEWER).handler(ctx -> Handlers.call(ctx,
        () -> service.describe(ctx.pathParam("endpoint")), out -> json(ctx, 200, out)));
    need(router.get("/api/webhooks/:endpoint/deliveries"), Role.VIEWER).handler(ctx -> Handlers.call(ctx,
        () -> service.deliveries(ctx.pathParam("endpoint"), ctx.queryParams().get("lead"), limit(ctx)),
        list -> json(ctx, 200, new JsonObject().put("deliveries", attempts(list)))));
    Access.personal(need(router.get("/api/webhooks/:endpoint/dead"), Role.VIEWER), "webhook dead letters").handler(ctx -> Handlers.call(ctx,
        () -> service.deadLetters(ctx.pathParam("endpoint"), since(ctx), limit(ctx)),
        list -> json(ctx, 200, new JsonObject().put("dead", dead(list)))));
    need(router.get("/api/webhooks/:endpoint/speed-to-lead"), Role.VIEWER).handler(ctx -> Handlers.call(ctx,
        () -> service.speedToLead(ctx.pathParam("endpoint"), optionalTime(ctx, "from"), optionalTime(ctx, "to")),
        out -> json(ctx, 200, out)));
    need(router.post("/api/webhooks/:endpoint/replay"), Role.ADMIN).handler(ctx -> Handlers.call(ctx,
        () -> service.replay(ctx.pathParam("endpoint"), body(ctx), Access.caller(ctx).by()),
        out -> json(ctx, 202, out)));
    need(router.post("/api/webhooks/:endpoint/enable"), Role.ADMIN).handler(ctx -> Handlers.call(ctx,
        () -> service.enable(ctx.pathParam("endpoint"), Access.caller(ctx).by()), out -> json(ctx, 200, out)));
    need(router.get("/api/ops/events"), Role.VIEWER).handler(ctx -> Handlers.call(ctx, () -> service.opsEvents(limit(ctx)),
        list -> json(ctx, 200, new JsonObject().put("events", new JsonArray(list)))));
  }

  private static int limit(RoutingContext ctx) {
    String text = ctx.queryParams().get("limit");
    if (text == null) {
      return 100;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= 1000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // the error below
    }
    throw InvalidInput.field("limit", "must be a number from 1 to 1000");
  }

  private static long since(RoutingContext ctx) {
    String text = ctx.queryParams().get("since");
    return text == null ? 0 : WebhookService.time(text, "since");
  }

  private static Long optionalTime(RoutingContext ctx, String name) {
    String text = ctx.queryParams().get(name);
    return text == null || text.isBlank() ? null : WebhookService.time(text, name);
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new InvalidInput("empty_body", null, "the body must be a JSON object");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidInput("invalid_json", null, "the body must be a JSON object");
    }
  }

  private static JsonArray attempts(List<Attempt> list) {
    JsonArray out = new JsonArray();
    list.forEach(a -> out.add(a.toJson().put("at", Instant.ofEpochMilli(a.at()).toString())));
    return out;
  }

  private static JsonArray dead(List<DeadLetter> list) {
    JsonArray out = new JsonArray();
    for (DeadLetter d : list) {
      out.add(new JsonObject().put("id", d.event().id()).put("type", d.event().type()).put("lead", d.event().leadId())
          .put("attempts", d.attempts()).put("status", d.status()).put("reason", d.reason())
          .put("deadAt", Instant.ofEpochMilli(d.deadAtMs()).toString()));
    }
    return out;
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
  }
}
