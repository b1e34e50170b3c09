package io.leadgate.http;

import io.leadgate.core.Conflict;
import io.leadgate.core.DomainException;
import io.leadgate.core.FieldError;
import io.leadgate.core.Forbidden;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.core.RateLimited;
import io.leadgate.core.StoreUnavailable;
import io.leadgate.core.Unauthorized;
import io.leadgate.core.Unprocessable;
import io.leadgate.core.UnsupportedFormat;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become HTTP answers, all in one shape:
 * {@code {"error": {"code", "message", "field", "fields": [{"field", "code", "message"}]}}} ({@code field} when one
 * field is at fault, {@code fields} when several are). Domain exceptions get their status here; a store outage gets
 * 503 with {@code Retry-After}; what Vert.x refused (size, method, path) keeps its 4xx; nothing else ever shows a
 * stack trace.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
  private static final Logger LOG = Logger.getLogger(ErrorHandler.class.getName());
  static final String RETRY_AFTER_SECONDS = "5";

  @Override
  public void handle(RoutingContext ctx) {
    handle(ctx, ctx.statusCode());
  }

  /**
   * For {@code Router.errorHandler(status, ...)}: Vert.x calls it for a status it decided (no route, a path that
   * does not decode) without always setting that status on the context.
   */
  public Handler<RoutingContext> forStatus(int status) {
    return ctx -> handle(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
  }

  private void handle(RoutingContext ctx, int decided) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof StoreUnavailable || failure instanceof TimeoutException) {
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      send(ctx.response(), 503, problem("store_unavailable", "the store is unavailable; retry later", null));
    } else if (failure instanceof DomainException refusal) {
      if (refusal instanceof RateLimited limited) {
        ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
      }
      send(ctx.response(), status(refusal), problem(refusal));
    } else if (failure instanceof HttpException http) {
      sendStatus(ctx.response(), http.getStatusCode());
    } else if (failure == null || isClientError(decided)) {
      // Vert.x decided the status (no route, a body over the limit, an undecodable body): the client's mistake
      sendStatus(ctx.response(), decided > 0 ? decided : 500);
    } else {
      LOG.log(Level.WARNING, "unexpected failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
      send(ctx.response(), 500, problem("internal_error", "the gateway failed to handle this request", null));
    }
  }

  /**
   * Answers a request Vert.x could not even parse (a header with NUL, a request line over the limit), which
   * never reaches the router: its status, the JSON problem, and the connection closed as the default would.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    HttpServerResponse response = request.response().putHeader("Connection", "close");
    send(response, status, problem("malformed_request", "the request is not valid HTTP/1.1", null))
        .onComplete(done -> request.connection().close());
  }

  static int status(DomainException refusal) {
    if (refusal instanceof InvalidInput) {
      return 400;
    } else if (refusal instanceof Unauthorized) {
      return 401;
    } else if (refusal instanceof Forbidden) {
      return 403;
    } else if (refusal instanceof NotFound) {
      return 404;
    } else if (refusal instanceof Conflict) {
      return 409;
    } else if (refusal instanceof UnsupportedFormat) {
      return 415;
    } else if (refusal instanceof Unprocessable) {
      return 422;
    } else if (refusal instanceof RateLimited) {
      return 429;
    }
    return 503;
  }

  private static boolean isClientError(int status) {
    return status >= 400 && status < 500;
  }

  private static void sendStatus(HttpServerResponse response, int status) {
    switch (status) {
      case 400 -> send(response, 400, problem("bad_request", "the request is malformed", null));
      case 404 -> send(response, 404, problem("not_found", "no such resource", null));
      case 405 -> send(response, 405, problem("method_not_allowed", "this method is not allowed here", null));
      case 413 -> send(response, 413, problem("body_too_large", "the request body is larger than the gateway accepts",
          null));
      case 415 -> send(response, 415, problem("unsupported_media_type", "this content type is not accepted here", null));
      default -> send(response, status, status >= 500
          ? problem("internal_error", "the gateway failed to handle this request", null)
          : problem("bad_request", "the request was refused", null));
    }
  }

  private static JsonObject problem(String code, String message, String field) {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    return error;
  }

  private static JsonObject problem(DomainException refusal) {
    JsonObject error = problem(refusal.code(), refusal.getMessage(), refusal.field());
    if (!refusal.fields().isEmpty()) {
      JsonArray fields = new JsonArray();
      for (FieldError field : refusal.fields()) {
        fields.add(new JsonObject().put("field", field.field()).put("code", field.code()).put("message", field.message()));
      }
      error.put("fields", fields);
    }
    return error;
  }

  private static Future<Void> send(HttpServerResponse response, int status, JsonObject error) {
    return response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("error", error).encode());
  }
}
