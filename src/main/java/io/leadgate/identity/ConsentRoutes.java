package io.leadgate.identity;

import static io.leadgate.http.Access.need;

import io.leadgate.core.InvalidInput;
import io.leadgate.core.Unprocessable;
import io.leadgate.http.Access;
import io.leadgate.http.Handlers;
import io.leadgate.http.Role;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/privacy/consent}: a consent given or withdrawn, recorded on the person's lead
 * ({@code {"site", "email" | "visitor", "purpose", "granted", "text"}}), behind the {@code /api/*} guard.
 */
public final class ConsentRoutes {
  public static final String PATH = "/api/privacy/consent";
  private final ConsentService consents;

  public ConsentRoutes(ConsentService consents) {
    this.consents = consents;
  }

  public void mount(Router router) {
    need(router.post(PATH), Role.SALES).handler(this::record);
  }

  private void record(RoutingContext ctx) {
    JsonObject body = body(ctx);
    Object granted = body.getValue("granted");
    if (!(granted instanceof Boolean)) {
      throw new Unprocessable("invalid_field", "granted", "must be true (given) or false (withdrawn)");
    }
    ConsentService.Answer answer = new ConsentService.Answer(text(body, "site"), text(body, "email"),
        text(body, "visitor"), text(body, "purpose"), (Boolean) granted, text(body, "text"),
        Access.caller(ctx).by());
    Handlers.call(ctx, () -> consents.record(answer), recorded -> ctx.response().setStatusCode(200)
        .putHeader("Content-Type", "application/json").end(recorded.encode()));
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new Unprocessable("invalid_field", field, "must be a string");
    }
    return value == null || ((String) value).isBlank() ? null : ((String) value).strip();
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new InvalidInput("body_required", null,
            "send a JSON object: {\"site\", \"email\" or \"visitor\", \"purpose\", \"granted\", \"text\"}");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidInput("invalid_json", null, "the body is not a JSON object");
    }
  }
}
