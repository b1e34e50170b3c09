package io.leadgate.scoring;

import io.leadgate.admin.ApiKeyAuth;
import static io.leadgate.http.Access.need;

import io.leadgate.http.Access;
import io.leadgate.http.Caller;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.core.Unprocessable;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoreStore.LeadOrder;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The lead API, behind {@link ApiKeyAuth}: {@code GET /api/leads}, {@code GET /api/leads/{id}},
 * {@code POST /api/leads/{id}/stage} (sales feedback), {@code POST /api/scoring/reload} and {@code GET /api/scoring}.
 */
public final class LeadApiRoutes {
  private final LeadsService leads;
  private final ScoringReloader reloader;
  private final ScoringRules rules;

  public LeadApiRoutes(LeadsService leads, ScoringReloader reloader, ScoringRules rules) {
    this.leads = leads;
    this.reloader = reloader;
    this.rules = rules;
  }

  /** Mounts the routes; {@link ApiKeyAuth} must be mounted on {@code /api/*} before them. */
  public void mount(Router router) {
    Access.personal(need(router.get("/api/leads"), Role.VIEWER), "lead list").handler(this::list);
    Access.personal(need(router.get("/api/leads/:id"), Role.VIEWER), "lead detail and timeline")
        .handler(this::profile);
    need(router.post("/api/leads/:id/stage"), Role.SALES).handler(this::setStage);
    need(router.post("/api/scoring/reload"), Role.ADMIN).handler(this::reload);
    need(router.get("/api/scoring"), Role.VIEWER).handler(this::current);
  }

  private void list(RoutingContext ctx) {
    Handlers.call(ctx, () -> leads.list(query(ctx)), page -> json(ctx, 200, page));
  }

  private LeadsService.Query query(RoutingContext ctx) {
    String stage = ctx.queryParams().get("stage");
    Stage parsed = stage == null || stage.isBlank() ? null : Stage.parse(stage.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new Unprocessable("invalid_stage", "stage", "must be one of "
            + java.util.Arrays.stream(Stage.values()).map(Stage::label).toList() + " (was \"" + stage + "\")"));
    String order = ctx.queryParams().get("order");
    LeadOrder by = order == null || order.equals("score") ? LeadOrder.SCORE : order.equals("recent") ? LeadOrder.RECENT
        : null;
    if (by == null) {
      throw InvalidInput.field("order", "must be score or recent (was \"" + order + "\")");
    }
    String q = ctx.queryParams().get("q");
    if (q != null && q.length() > 200) {
      throw InvalidInput.field("q", "must be at most 200 characters");
    }
    String site = leads.site(ctx.queryParams().get("site"));
    return new LeadsService.Query(site, parsed, filter(ctx, leads.zone(site)), q, by, (int) Math.round(range(number(ctx, "limit"), 1, 200, 50, "limit")),
        ctx.queryParams().get("cursor"));
  }

  /** Score range, first touch, magnet and the days the lead was made in (the site's time zone, both included). */
  private static LeadFilter filter(RoutingContext ctx, ZoneId zone) {
    LocalDate from = day(ctx, "created_from");
    LocalDate to = day(ctx, "created_to");
    return new LeadFilter(number(ctx, "min_score"), number(ctx, "max_score"), word(ctx, "source"),
        word(ctx, "medium"), word(ctx, "campaign"), word(ctx, "magnet"),
        from == null ? null : from.atStartOfDay(zone).toInstant().toEpochMilli(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
  }

  private static String word(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > 200) {
      throw InvalidInput.field(name, "must be at most 200 characters");
    }
    return value.strip();
  }

  private static LocalDate day(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw InvalidInput.field(name, "must be a day as YYYY-MM-DD (was \"" + value + "\")");
    }
  }

  private static Double number(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw InvalidInput.field(name, "must be a number (was \"" + value + "\")");
    }
  }

  private static double range(Double value, int min, int max, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max || value != Math.rint(value)) {
      throw InvalidInput.field(name, "must be a whole number from " + min + " to " + max);
    }
    return value;
  }

  private void profile(RoutingContext ctx) {
    Handlers.call(ctx, () -> leads.profile(ctx.pathParam("id")), found -> json(ctx, 200, found.orElseThrow(() ->
        new NotFound("lead_not_found", "no lead " + ctx.pathParam("id")))));
  }

  private void setStage(RoutingContext ctx) {
    JsonObject body = body(ctx);
    Caller caller = Access.caller(ctx);
    String by = caller.by();
    Object user = body.getValue("user");
    // a key used by an integration may say on whose behalf; a signed-in user is who they are
    if (!caller.session() && user instanceof String name && !name.isBlank()) {
      by += ":" + (name.length() > 100 ? name.substring(0, 100) : name.strip());
    }
    String who = by;
    Handlers.call(ctx, () -> leads.setStage(ctx.pathParam("id"), text(body, "stage"), text(body, "reason"), who),
        found -> json(ctx, 200, found.orElseThrow(() ->
            new NotFound("lead_not_found", "no lead " + ctx.pathParam("id")))));
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new Unprocessable("invalid_field", field, "must be a string");
    }
    return (String) value;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new InvalidInput("body_required", null, "send a JSON object: {\"stage\": ..., \"reason\": ...}");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidInput("invalid_json", null, "the body is not a JSON object");
    }
  }

  private void reload(RoutingContext ctx) {
    Handlers.call(ctx, reloader::reload, policy -> json(ctx, 200, describe(policy)));
  }

  private void current(RoutingContext ctx) {
    json(ctx, 200, describe(rules.current()));
  }

  private static JsonObject describe(ScoringPolicy policy) {
    JsonObject sites = new JsonObject();
    policy.sites().forEach((key, site) -> sites.put(key, model(site)));
    return new JsonObject().put("version", policy.version()).put("loaded_at", policy.loadedAt())
        .put("default", model(policy.defaults())).put("sites", sites);
  }

  private static JsonObject model(SiteScoring site) {
    Thresholds t = site.thresholds();
    return new JsonObject().put("mql_score", t.mqlScore()).put("mql_min_fit", t.mqlMinFit())
        .put("bant", new io.vertx.core.json.JsonArray(t.bant().stream().sorted().map(Criterion::label).toList()))
        .put("half_life_days", site.model().halfLifeDays()).put("rules", site.model().rules().size())
        .put("fit_rules", site.model().fit().size()).put("notify_on", site.model().notifyOn());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
