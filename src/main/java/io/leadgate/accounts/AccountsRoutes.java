package io.leadgate.accounts;

import static io.leadgate.http.Access.need;

import io.leadgate.core.InvalidInput;
import io.leadgate.http.Access;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The account API: {@code GET /api/accounts?site=&order=score|recent&q=&stage=&limit=&offset=},
 * {@code GET /api/accounts/{domain}?site=}, and {@code POST /api/accounts/{domain}/aliases} (declare another domain
 * the same company: its leads and history move here).
 */
final class AccountsRoutes {
  private final AccountPages pages;
  private final AccountsService service;
  private final Set<String> sites;

  AccountsRoutes(AccountPages pages, AccountsService service, Set<String> sites) {
    this.pages = pages;
    this.service = service;
    this.sites = sites;
  }

  void mount(Router router) {
    need(router.get("/api/accounts"), Role.VIEWER).handler(this::list);
    need(router.get("/api/accounts/:domain"), Role.VIEWER).handler(ctx -> Handlers.call(ctx,
        () -> pages.account(site(ctx), ctx.pathParam("domain")), body -> json(ctx, 200, body)));
    need(router.post("/api/accounts/:domain/aliases"), Role.SALES).handler(this::alias);
  }

  private void list(RoutingContext ctx) {
    Handlers.call(ctx, () -> {
      String order = ctx.queryParams().get("order");
      AccountStore.Order by = order == null || order.equals("score") ? AccountStore.Order.SCORE
          : order.equals("recent") ? AccountStore.Order.RECENT : null;
      if (by == null) {
        throw InvalidInput.field("order", "must be score or recent (was \"" + order + "\")");
      }
      String q = ctx.queryParams().get("q");
      if (q != null && q.length() > 200) {
        throw InvalidInput.field("q", "must be at most 200 characters");
      }
      String stage = ctx.queryParams().get("stage");
      AccountStage only = stage == null || stage.isBlank() ? null : AccountStage.parse(stage).orElseThrow(() ->
          InvalidInput.field("stage", "must be none, engaged or qualified (was \"" + stage + "\")"));
      return pages.list(new AccountPages.Query(site(ctx), by, q, only, whole(ctx, "limit", 1, 200, 50),
          whole(ctx, "offset", 0, 10_000, 0)));
    }, body -> json(ctx, 200, body));
  }

  private void alias(RoutingContext ctx) {
    Handlers.call(ctx, () -> {
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (DecodeException | ClassCastException e) {
        throw new InvalidInput("invalid_json", null, "the body is not a JSON object");
      }
      if (body == null || !(body.getValue("alias") instanceof String alias) || alias.isBlank()) {
        throw InvalidInput.field("alias", "is required: the domain that is the same company, {\"alias\": ...}");
      }
      return service.merge(site(ctx), alias, ctx.pathParam("domain"), Access.caller(ctx).by())
          .compose(merged -> pages.account(site(ctx), merged.account().domain()));
    }, body -> json(ctx, 200, body));
  }

  private String site(RoutingContext ctx) {
    String given = ctx.queryParams().get("site");
    if (given == null || given.isBlank()) {
      if (sites.size() == 1) {
        return sites.iterator().next();
      }
      throw new InvalidInput("site_required", "site", "name the site (sites: " + sites + ")");
    }
    if (!sites.contains(given)) {
      throw InvalidInput.field("site", "is not a configured site (sites: " + sites + ")");
    }
    return given;
  }

  private static int whole(RoutingContext ctx, String name, int min, int max, int fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw InvalidInput.field(name, "must be a whole number from " + min + " to " + max + " (was \"" + value + "\")");
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
