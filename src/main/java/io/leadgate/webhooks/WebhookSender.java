package io.leadgate.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Makes one webhook attempt: vets the endpoint's address (SSRF), connects to that very address (the URL's host still
 * goes in {@code Host} and TLS SNI), posts the signed body, and reads at most 64 KiB of the answer within the
 * endpoint's time-out. Redirects are never followed. Never fails: every outcome is an {@link Answer}.
 */
public final class WebhookSender {
  /** A receiver's answer is read up to this many bytes; the connection is dropped beyond. */
  public static final int MAX_ANSWER_BYTES = 64 * 1024;
  /** The first bytes of the answer kept in the delivery log. */
  public static final int KEPT_ANSWER_BYTES = 512;
  public static final String USER_AGENT = "Leadgate-Webhooks/1.0";

  private final Vertx vertx;
  private final HttpClient client;
  private final SsrfGuard.Resolver resolver;

  /** @param maxConnections connections per destination: the sum of the endpoints' concurrency limits */
  public WebhookSender(Vertx vertx, SsrfGuard.Resolver resolver, int maxConnections) {
    this.vertx = vertx;
    this.resolver = resolver;
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setName("leadgate-webhooks")
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setTcpNoDelay(true)
            .setForceSni(true)
            .setVerifyHost(true)
            .setMaxRedirects(0),
        new PoolOptions().setHttp1MaxSize(Math.max(1, maxConnections)));
  }

  /** The operating system's resolver (hosts file, DNS), run on a worker thread, never on an event loop. */
  public static SsrfGuard.Resolver systemResolver(Vertx vertx) {
    return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }

  /**
   * What the receiver answered.
   *
   * @param status     HTTP status, 0 when there was no answer
   * @param retryAfter the {@code Retry-After} header, or null
   * @param body       the first {@link #KEPT_ANSWER_BYTES} bytes of the answer (as text), or null
   * @param error      why there was no answer (status 0), or what the gateway made of an answer it cannot use (a
   *                   token endpoint's refusal, with its status), or null; it is what a dead letter's reason says
   */
  public record Answer(int status, String retryAfter, String body, String error, long latencyMs) {
  }

  public Future<Answer> send(Endpoint endpoint, String webhookId, long timestamp, String signature, Buffer body) {
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    headers.put("content-type", "application/json");
    headers.put("user-agent", USER_AGENT);
    headers.put("webhook-id", webhookId);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signature);
    return request(endpoint, HttpMethod.POST, endpoint.pathAndQuery(), headers, body, KEPT_ANSWER_BYTES);
  }

  /**
   * One request of any method to the endpoint's host, vetted, timed out and bounded like {@link #send}.
   *
   * @param uri      path and query
   * @param body     the body, or null for none
   * @param keep     how many bytes of the answer to keep in {@link Answer#body()} (at most {@link #MAX_ANSWER_BYTES})
   */
  Future<Answer> request(Endpoint endpoint, HttpMethod method, String uri, Map<String, String> headers, Buffer body,
                         int keep) {
    long started = System.nanoTime();
    long timeoutMs = endpoint.timeout().toMillis();
    Promise<Answer> result = Promise.promise();
    HttpClientRequest[] inFlight = new HttpClientRequest[1];
    long timer = vertx.setTimer(timeoutMs, t -> {
      if (result.tryFail(new TimeoutException("no answer within " + timeoutMs + " ms")) && inFlight[0] != null) {
        inFlight[0].reset();
      }
    });
    endpoint.guard().vet(endpoint.host(), resolver)
        .compose(address -> client.request(options(endpoint, address, method, uri, timeoutMs)))
        .compose(request -> {
          inFlight[0] = request;
          if (result.future().isComplete()) {
            request.reset();
            return Future.failedFuture("timed out");
          }
          headers.forEach(request::putHeader);
          return body == null ? request.send() : request.send(body);
        })
        .compose(response -> read(response, started, keep))
        .onComplete(done -> {
          vertx.cancelTimer(timer);
          if (done.succeeded()) {
            result.tryComplete(done.result());
          } else {
            result.tryFail(done.cause());
          }
        });
    return result.future().recover(e -> Future.succeededFuture(
        new Answer(0, null, null, describe(e, endpoint), elapsedMs(started))));
  }

  public Future<Void> close() {
    return client.close();
  }

  private static RequestOptions options(Endpoint endpoint, InetAddress address, HttpMethod method, String uri,
                                        long timeoutMs) {
    return new RequestOptions()
        .setMethod(method)
        .setServer(SocketAddress.inetSocketAddress(endpoint.port(), address.getHostAddress()))
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.https())
        .setURI(uri)
        .setConnectTimeout(timeoutMs)
        .setFollowRedirects(false);
  }

  private static Future<Answer> read(HttpClientResponse response, long started, int keep) {
    Promise<Answer> answer = Promise.promise();
    Buffer kept = Buffer.buffer();
    long[] total = {0};
    response.handler(chunk -> {
      total[0] += chunk.length();
      if (kept.length() < keep) {
        kept.appendBuffer(chunk.slice(0, Math.min(chunk.length(), keep - kept.length())));
      }
      if (total[0] > MAX_ANSWER_BYTES && answer.tryComplete(answerOf(response, kept, started))) {
        response.request().reset(); // read no further: the status is all that counts
      }
    });
    response.exceptionHandler(answer::tryFail);
    response.endHandler(v -> answer.tryComplete(answerOf(response, kept, started)));
    return answer.future();
  }

  private static Answer answerOf(HttpClientResponse response, Buffer kept, long started) {
    return new Answer(response.statusCode(), response.getHeader("retry-after"),
        kept.length() == 0 ? null : kept.toString(StandardCharsets.UTF_8), null, elapsedMs(started));
  }

  private static String describe(Throwable e, Endpoint endpoint) {
    if (e instanceof TimeoutException) {
      return "timed out after " + endpoint.timeout().toMillis() + " ms";
    }
    if (e instanceof SsrfGuard.SsrfRefusedException) {
      return "refused: " + e.getMessage();
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + endpoint.host();
    }
    if (e instanceof ConnectException || (e.getCause() instanceof ConnectException)) {
      return "connection failed: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static long elapsedMs(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
