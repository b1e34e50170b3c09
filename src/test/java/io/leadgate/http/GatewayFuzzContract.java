package io.leadgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.RawHttp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated malformed requests against every route the gateway's router has (read from the router itself, so a new
 * route is covered without touching this test). Fails on any 5xx, an error without the JSON problem body, a request
 * left unanswered (a hang or a closed connection) or the gateway no longer answering. Seeded: the seed is printed
 * and in every failure message; {@code -Dleadgate.fuzz.seed=N} replays a run, {@code -Dleadgate.fuzz.requests=N}
 * changes its length.
 */
abstract class GatewayFuzzContract {
  static final String KEY = "fuzz-test-key";
  static final int BODY_LIMIT = 4096;
  static final String YAML = """
      server: {bodyLimit: %d, demoPage: true, trustedProxies: ["127.0.0.1"]}
      secret: test-secret-0123456789abcdef0123456789
      sites:
        - key: demo
          allowedOrigins: ["https://www.acme.com"]
      forms:
        - id: ebook
          site: demo
          kind: magnet
          fields:
            - {name: email, type: email, required: true}
            - {name: name, maxLength: 20}
            - {name: consent_privacy, type: checkbox, required: true, consent: privacy, text: "I agree."}
          magnet: {url: "https://cdn.acme.com/ebook.pdf"}
        - id: news
          site: demo
          kind: newsletter
          fields: [{name: email, type: email, required: true}]
          spam: {requireToken: true}
      apiKeys: [{name: fuzz, sha256: %s}]
      webhooks:
        - id: crm
          url: http://127.0.0.1:9/hook
          secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
          allowSubnets: [127.0.0.0/8]
      """.formatted(BODY_LIMIT, ApiKeyAuth.hash(KEY));
  static final Map<String, List<String>> KNOWN = Map.of(
      "form", List.of("ebook", "news"),
      "site", List.of("demo"),
      "endpoint", List.of("crm"),
      "token", List.of("x.y.z", "AAAA"),
      "id", List.of("ld_aaaaaaaaaaaaaaaaaaaa"));

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perTest(YAML);

  /** The routes with a path, and the methods each accepts (empty: any). */
  Map<String, List<String>> routes() {
    Map<String, Set<String>> routes = new LinkedHashMap<>();
    for (Route route : api.gateway().router().getRoutes()) {
      if (route.getPath() == null) { // a route for every path (metrics, CORS) or a pure regex
        continue;
      }
      Set<String> methods = routes.computeIfAbsent(route.getPath(), p -> new TreeSet<>());
      if (route.methods() != null) {
        route.methods().stream().map(HttpMethod::name).forEach(methods::add);
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    routes.forEach((path, methods) -> result.put(path, List.copyOf(methods)));
    return result;
  }

  @Test
  void everyRoute_generatedMalformedRequests_neverA5xxAlwaysAJsonProblem() {
    long seed = Long.getLong("leadgate.fuzz.seed", System.nanoTime());
    int count = Integer.getInteger("leadgate.fuzz.requests", 3000);
    Map<String, List<String>> routes = routes();
    List<String> paths = new ArrayList<>(routes.keySet());
    System.out.println("GatewayFuzz (" + getClass().getSimpleName() + "): seed " + seed + " (replay with "
        + "-Dleadgate.fuzz.seed=" + seed + "), " + count + " requests over " + paths.size() + " routes: " + routes);
    assertFalse(paths.isEmpty(), "the router has no route with a path");
    MalformedRequests requests = new MalformedRequests(seed, KNOWN, KEY, BODY_LIMIT);
    RawHttp http = new RawHttp(api.port(), 5_000);
    long deadline = System.nanoTime() + 40_000_000_000L;
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    int sent = 0;
    for (int i = 0; i < count && System.nanoTime() < deadline; i++, sent++) {
      String path = paths.get(i % paths.size());
      MalformedRequests.Request request = requests.next(path, routes.get(path));
      statuses.merge(check(http, request, "seed " + seed + ", request " + i + " (route " + path + ")"), 1, Integer::sum);
      if (i % 250 == 249) {
        assertStillServing(http, seed, i);
      }
    }
    assertStillServing(http, seed, count);
    System.out.println("GatewayFuzz: " + sent + " requests answered without a 5xx; statuses " + statuses);
  }

  /** @return the status of the answer, which passed every check */
  private static int check(RawHttp http, MalformedRequests.Request request, String which) {
    RawHttp.Answer answer;
    try {
      answer = http.exchange(request.bytes());
    } catch (RawHttp.Hang e) {
      return fail(which + ": no answer within 5 s to\n    " + request.describe());
    } catch (IOException e) {
      return fail(which + ": " + e + " on\n    " + request.describe());
    }
    String shown = ": answered " + answer.status() + " " + answer.text().substring(0, Math.min(300, answer.text().length()))
        + "\n  to\n    " + request.describe();
    if (answer.status() < 0) {
      fail(which + ": the connection closed without an answer" + shown);
    }
    if (answer.status() >= 500) {
      fail(which + shown);
    }
    if (answer.status() >= 400 && !request.method().equals("HEAD")) {
      JsonObject body = answer.json();
      JsonObject error = body == null ? null : body.getJsonObject("error");
      if (error == null || error.getString("code") == null || error.getString("message") == null
          || answer.header("Content-Type") == null || !answer.header("Content-Type").startsWith("application/json")) {
        fail(which + ": not the JSON problem body" + shown);
      }
    }
    return answer.status();
  }

  private static void assertStillServing(RawHttp http, long seed, int after) {
    try {
      assertEquals(200, http.send("GET", "/health/live", Map.of(), null).status(),
          "seed " + seed + ": the gateway stopped serving after request " + after);
    } catch (IOException e) {
      fail("seed " + seed + ": the gateway stopped serving after request " + after + ": " + e);
    }
  }
}
