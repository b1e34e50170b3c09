package io.leadgate.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.UnsupportedFormat;
import io.leadgate.http.ClientIp;
import io.leadgate.http.ContentType;
import io.leadgate.http.Handlers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/** {@code POST /e} (JSON or the text/plain a beacon sends) and {@code GET /p.gif} (no-JS and email pixel). */
public final class CollectRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Buffer PIXEL = Buffer.buffer(Base64.getDecoder().decode(
      "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"));

  private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
  private final CollectService service;
  private final EventParser parser = new EventParser();
  private final EventBodyParser bodyParser = new EventBodyParser();
  private final ClientIp clientIp;
  private final Clock clock;

  public CollectRoutes(CollectService service, ClientIp clientIp, Clock clock) {
    this.service = service;
    this.clientIp = clientIp;
    this.clock = clock;
  }

  /** Mounts the routes; the router has CORS and the body handler in front of them already. */
  public void mount(Router router) {
    router.post("/e").handler(this::collect);
    router.get("/p.gif").handler(this::pixel);
  }

  private void collect(RoutingContext ctx) {
    Handlers.call(ctx, () -> service.collect(parseBody(ctx), requester(ctx)), outcome -> {
      String body;
      if (outcome.ignored() > 0 || !outcome.rejected().isEmpty()) {
        body = answer(outcome).encode();
      } else {
        body = "{\"accepted\":" + outcome.stored() + "}"; // the answer to nearly every request, without a JsonObject
      }
      VisitorCookie.apply(ctx.request(), ctx.response(), outcome.site(), outcome.cookie());
      ctx.response().setStatusCode(202).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE).end(body);
    });
  }

  private static JsonObject answer(CollectService.Outcome outcome) {
    JsonObject answer = new JsonObject().put("accepted", outcome.stored());
    if (outcome.ignored() > 0) {
      answer.put("ignored", outcome.ignored()).put("reason", outcome.reason());
    }
    if (!outcome.rejected().isEmpty()) {
      JsonArray rejected = new JsonArray();
      outcome.rejected().forEach(r -> rejected.add(new JsonObject().put("index", r.index()).put("error", r.code())
          .put("field", r.field()).put("message", r.message())));
      answer.put("rejected", rejected);
    }
    return answer;
  }

  private void pixel(RoutingContext ctx) {
    Handlers.call(ctx, () -> service.collect(EventBatch.of(parser.parse(fromQuery(ctx.queryParams()), "", clock.millis())),
        requester(ctx)), outcome -> {
      VisitorCookie.apply(ctx.request(), ctx.response(), outcome.site(), outcome.cookie());
      ctx.response()
        .putHeader("Content-Type", "image/gif")
        .putHeader("Cache-Control", "no-store, max-age=0")
        .end(PIXEL);
    });
  }

  private EventBatch parseBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null) {
      String mediaType = ContentType.mediaType(type);
      if (!mediaType.equals("application/json") && !mediaType.equals("text/plain")) {
        throw new UnsupportedFormat("send events as application/json or text/plain");
      }
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new InvalidInput("empty_body", null, "the body must be an event or an array of events");
    }
    return bodyParser.parse(body.getBytes(), clock.millis());
  }

  private CollectService.Requester requester(RoutingContext ctx) {
    return new CollectService.Requester(ctx.request().getHeader("Origin"), ctx.request().getHeader("User-Agent"),
        clientIp.of(ctx.request()), "1".equals(ctx.request().getHeader("Sec-GPC")),
        "1".equals(ctx.request().getHeader("DNT")), VisitorCookie.read(ctx.request()));
  }

  /** The pixel's query parameters in the shape of a JSON event: utm_* and click ids grouped as the snippet sends them. */
  static ObjectNode fromQuery(MultiMap query) {
    ObjectNode event = JSON.createObjectNode();
    ObjectNode utm = event.putObject("utm");
    ObjectNode click = event.putObject("click");
    ObjectNode props = event.putObject("props");
    event.put("type", "pageview");
    for (String name : query.names()) {
      String value = query.get(name);
      if (name.startsWith("utm_") && EventParser.UTM_KEYS.contains(name.substring(4))) {
        utm.put(name.substring(4), value);
      } else if (EventParser.CLICK_KEYS.contains(name)) {
        click.put(name, value);
      } else if (name.startsWith("p.") && name.length() > 2) {
        props.put(name.substring(2), value);
      } else if (name.equals("ts")) {
        putTimestamp(event, value);
      } else if (name.equals("ref")) {
        event.put("referrer", value);
      } else {
        event.put(name, value);
      }
    }
    return event;
  }

  private static void putTimestamp(ObjectNode event, String value) {
    try {
      event.put("ts", Long.parseLong(value));
    } catch (NumberFormatException e) {
      event.put("ts", value);
    }
  }
}
