package io.leadgate.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A webhook receiver: a real HTTP server on a free port of 127.0.0.1, in its own Vert.x (like a remote CRM), that
 * records every request and answers as the test says: a status, {@code Retry-After}, a large body, or not at all.
 * It can be stopped and started again on the same port (a receiver that is down for a while).
 */
public final class Receiver implements AutoCloseable {
  /**
   * One request as it arrived.
   *
   * @param method the HTTP method
   * @param uri    path and query, as sent
   */
  public record Request(String path, String id, String timestamp, String signature, String body, MultiMap headers,
                        long atNanos, String method, String uri) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** How to answer one request. */
  public record Reply(int status, Map<String, String> headers, String body, boolean hang) {
    public static Reply ok() {
      return new Reply(200, Map.of(), "{\"ok\":true}", false);
    }

    public static Reply status(int status) {
      return new Reply(status, Map.of(), "status " + status, false);
    }

    public static Reply retryAfter(int status, String seconds) {
      return new Reply(status, Map.of("Retry-After", seconds), "slow down", false);
    }

    public static Reply hanging() {
      return new Reply(0, Map.of(), null, true);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final List<HttpServerRequest> hanging = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Reply> behaviour = r -> Reply.ok();
  private HttpServer server;
  private int port;

  public static Receiver start() {
    Receiver receiver = new Receiver();
    receiver.listen(0);
    return receiver;
  }

  public void answer(Function<Request, Reply> behaviour) {
    this.behaviour = behaviour;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public int port() {
    return port;
  }

  public List<Request> received() {
    return List.copyOf(received);
  }

  public List<Request> receivedFor(String webhookId) {
    return received.stream().filter(r -> webhookId.equals(r.id())).toList();
  }

  /** Waits until at least {@code n} requests arrived; returns them. */
  public List<Request> await(int n) {
    return await(n, Duration.ofSeconds(10));
  }

  public List<Request> await(int n, Duration limit) {
    return Eventually.until(this::received, list -> list.size() >= n, limit);
  }

  /** Stops listening (connections in flight are closed), as a receiver that goes down. */
  public void stop() {
    try {
      server.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Listens again on the same port. */
  public void startAgain() {
    listen(port);
  }

  private void listen(int onPort) {
    try {
      server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(onPort).setReuseAddress(true))
          .requestHandler(this::handle).listen().await(5, TimeUnit.SECONDS);
      port = server.actualPort();
    } catch (Exception e) {
      throw new IllegalStateException("the receiver did not start on port " + onPort, e);
    }
  }

  private void handle(HttpServerRequest request) {
    long at = System.nanoTime();
    request.body().onSuccess(body -> {
      Request r = new Request(request.path(), request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
          request.getHeader("webhook-signature"), body.toString(), MultiMap.caseInsensitiveMultiMap()
          .addAll(request.headers()), at, request.method().name(), request.uri());
      received.add(r);
      Reply reply = behaviour.apply(r);
      if (reply.hang()) {
        hanging.add(request);
        return;
      }
      request.response().setStatusCode(reply.status());
      reply.headers().forEach(request.response()::putHeader);
      request.response().end(reply.body() == null ? "" : reply.body());
    });
  }

  @Override
  public void close() {
    try {
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort in tests
    }
  }
}
