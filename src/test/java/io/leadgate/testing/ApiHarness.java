package io.leadgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.Gateway;
import io.leadgate.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gateway an HTTP API contract suite talks to, on the store its subclass names with {@link RunsOn}: started
 * once for the class ({@link #perClass}) or for each test on an emptied store ({@link #perTest}), and the requests
 * every suite makes of it. The contract declares it, each subclass picks the store:
 * <pre>
 * abstract class IdentifyContract {
 *   {@literal @}RegisterExtension static final ApiHarness api = ApiHarness.perClass(YAML);
 * }
 * {@literal @}RunsOn(Kind.CLUSTER) class IdentifyOnClusterTest extends IdentifyContract {}
 * </pre>
 * The subclasses of one contract share the extension, so they must not run at the same time (they do not: the
 * suite runs classes one after another). Blocking helpers are for test threads only.
 */
public final class ApiHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** The site most suites configure: {@code acme}, sending from {@link #ORIGIN}, behind a proxy on 127.0.0.1. */
  public static final String ACME = """
      server: {trustedProxies: ["127.0.0.1"]}
      secret: test-secret-0123456789abcdef0123456789
      sites:
        - key: acme
          allowedOrigins: ["https://www.acme.com"]
      """;
  public static final String ORIGIN = "https://www.acme.com";
  public static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private final boolean perTest;
  private final Function<ApiHarness, String> yaml;
  private Supplier<? extends Clock> clocks = Clock::systemUTC;
  private boolean withReceiver;
  private OneStore store;
  private Receiver receiver;
  private Clock clock;
  private TestGateway gateway;
  private Http http;

  private ApiHarness(boolean perTest, Function<ApiHarness, String> yaml) {
    this.perTest = perTest;
    this.yaml = yaml;
  }

  /** One gateway for all the tests of a class, from before the first to after the last. */
  public static ApiHarness perClass(String yaml) {
    return perClass(api -> yaml);
  }

  /** @param yaml the configuration, given the harness (its {@link #receiver()} is started by then) */
  public static ApiHarness perClass(Function<ApiHarness, String> yaml) {
    return new ApiHarness(false, yaml);
  }

  /** A gateway of its own for each test, on a store emptied before it. */
  public static ApiHarness perTest(String yaml) {
    return new ApiHarness(true, api -> yaml);
  }

  /** The clock each gateway starts with (the system's unless given): a new one for each gateway. */
  public ApiHarness clock(Supplier<? extends Clock> clocks) {
    this.clocks = clocks;
    return this;
  }

  /** A {@link Receiver} for the configuration's webhooks, started before each gateway and closed after it. */
  public ApiHarness withReceiver() {
    this.withReceiver = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    store = OneStore.of(OneStore.named(context));
    store.open();
    if (!perTest) {
      start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perTest) {
      store.flush();
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!perTest) {
      stop();
    }
    store.close();
  }

  /** Stops the gateway, empties the store and starts a new gateway on it, as the test class's first was started. */
  public void restartOnAnEmptyStore() {
    stop();
    store.flush();
    start();
  }

  private void start() {
    if (withReceiver) {
      receiver = Receiver.start();
    }
    clock = clocks.get();
    gateway = TestGateway.start(yaml.apply(this), store.url(), clock);
    http = new Http(gateway.client());
  }

  private void stop() {
    if (gateway != null) {
      gateway.close();
      gateway = null;
    }
    if (receiver != null) {
      receiver.close();
      receiver = null;
    }
  }

  // ---- what the tests use ----------------------------------------------------------------------------------------

  /** The running gateway, for what a test reads of it beside HTTP (its metrics, a service, a sweep to run now). */
  public Gateway gateway() {
    return gateway.gateway();
  }

  public int port() {
    return gateway.port();
  }

  public Vertx vertx() {
    return gateway.vertx();
  }

  public WebClient client() {
    return gateway.client();
  }

  public Http http() {
    return http;
  }

  public Stores stores() {
    return gateway.gateway().stores();
  }

  public Receiver receiver() {
    return receiver;
  }

  /** The clock the gateway runs on, when the suite gave it a {@link TestClock} to move. */
  public TestClock clock() {
    return (TestClock) clock;
  }

  public OneStore store() {
    return store;
  }

  /** The standalone redis-server the class runs on; none in memory or on the cluster. */
  public RedisServer redis() {
    return store.server();
  }

  /** Waits for what the gateway's own Vert.x computes; a failure or a minute without an answer fails the test. */
  public static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A new visitor id, as the snippet makes them (32 hex digits). */
  public static String visitor() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** A name no other test of the run uses: {@code prefix}, a counter and a few random characters. */
  public static String unique(String prefix) {
    return prefix + UNIQUE.incrementAndGet() + "x" + visitor().substring(0, 6);
  }

  /** A client address behind the trusted proxy that no other request of the run came from (for rate limits). */
  public static String clientIp(String prefix) {
    return prefix + (UNIQUE.incrementAndGet() % 250 + 1);
  }

  /** POST /e from a browser on {@link #ORIGIN}, the events in one batch, as the snippet's beacon sends it. */
  public Future<HttpResponse<Buffer>> sendEvents(JsonObject... events) {
    JsonArray batch = new JsonArray();
    for (JsonObject event : events) {
      batch.add(event);
    }
    return client().post("/e").putHeader("Content-Type", "text/plain").putHeader("Origin", ORIGIN)
        .putHeader("User-Agent", UA).sendBuffer(Buffer.buffer(batch.encode()));
  }

  /** {@link #sendEvents}, answered 202. */
  public HttpResponse<Buffer> events(JsonObject... events) {
    HttpResponse<Buffer> response = await(sendEvents(events));
    assertStatus(202, response);
    return response;
  }

  /** POST /f/{form} from a browser, with the body as JSON; headers as name, value pairs. */
  private HttpResponse<Buffer> form(String form, JsonObject body, String... headers) {
    HttpRequest<Buffer> request = client().post("/f/" + form).putHeader("User-Agent", UA);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return await(request.sendJsonObject(body));
  }

  /** {@link #form}, answered 200. */
  public HttpResponse<Buffer> submit(String form, JsonObject body, String... headers) {
    HttpResponse<Buffer> response = form(form, body, headers);
    assertStatus(200, response);
    return response;
  }

  /** The id of the lead of site {@code acme} with this (normalised) email, which must exist. */
  public String leadIdOf(String email) {
    return await(stores().leads().leadIdByEmail("acme", email)).orElseThrow();
  }

  /** A call of the API with a key (none when null); a body is sent as JSON. */
  public HttpResponse<Buffer> call(String key, HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = client().request(method, path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** {@link #call} GET, answered 200: its JSON body. */
  public JsonObject get(String key, String path) {
    HttpResponse<Buffer> response = call(key, HttpMethod.GET, path, null);
    assertStatus(200, response);
    return response.bodyAsJsonObject();
  }

  private static void assertStatus(int status, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
  }
}
