package io.leadgate.http;

import io.leadgate.core.StoreUnavailableException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become HTTP answers: {@code {"error": {"code", "message", "field"}}}, or for a
 * form with fields in error {@code 422 {"errors": {"field": "message"}}}.
 * Client mistakes get their 4xx, a store outage 503 with {@code Retry-After}; nothing else ever shows a stack trace.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
  private static final Logger LOG = Logger.getLogger(ErrorHandler.class.getName());
  static final String RETRY_AFTER_SECONDS = "5";

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api && api.errors() != null) {
      ctx.response().setStatusCode(api.status())
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(new JsonObject().put("errors", new JsonObject(new java.util.LinkedHashMap<>(api.errors()))).encode());
    } else if (failure instanceof ApiException api) {
      if (api.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(api.retryAfterSeconds()));
      }
      send(ctx, api.status(), api.code(), api.getMessage(), api.field());
    } else if (failure instanceof StoreUnavailableException || failure instanceof TimeoutException) {
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      send(ctx, 503, "store_unavailable", "the store is unavailable; retry later", null);
    } else if (failure instanceof HttpException http) {
      sendStatus(ctx, http.getStatusCode());
    } else if (failure == null) {
      sendStatus(ctx, ctx.statusCode());
    } else {
      LOG.log(Level.WARNING, "unexpected failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
      send(ctx, 500, "internal_error", "the gateway failed to handle this request", null);
    }
  }

  private static void sendStatus(RoutingContext ctx, int status) {
    switch (status) {
      case 400 -> send(ctx, 400, "bad_request", "the request is malformed", null);
      case 404 -> send(ctx, 404, "not_found", "no such resource", null);
      case 405 -> send(ctx, 405, "method_not_allowed", "this method is not allowed here", null);
      case 413 -> send(ctx, 413, "body_too_large", "the request body is larger than the gateway accepts", null);
      case 415 -> send(ctx, 415, "unsupported_media_type", "this content type is not accepted here", null);
      default -> send(ctx, status, status >= 500 ? "internal_error" : "bad_request",
          status >= 500 ? "the gateway failed to handle this request" : "the request was refused", null);
    }
  }

  static void send(RoutingContext ctx, int status, String code, String message, String field) {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("error", error).encode());
  }
}
