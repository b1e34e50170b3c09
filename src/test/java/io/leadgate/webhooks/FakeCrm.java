package io.leadgate.webhooks;

import io.leadgate.testing.Receiver;
import io.leadgate.testing.Receiver.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of each CRM's API a preset uses, answering as the real one documents it, on a {@link Receiver}: people by
 * email, the token checked (401 as the CRM words it), HubSpot's 409 naming the existing contact, Pipedrive's search
 * envelope, Salesforce's SOQL records and its duplicate rule's 400. It can answer the next request 429 with
 * {@code Retry-After}, and Salesforce's query can lag behind its writes (to reach the duplicate rule). Salesforce's
 * token endpoint ({@code POST /services/oauth2/token}, client credentials) gives out session tokens the API then
 * takes besides {@link #TOKEN}, until {@link #expireSessions()}; it can be made to answer something else instead.
 */
final class FakeCrm {
  static final String TOKEN = "crm-token-0123456789";
  static final String TOKEN_PATH = "/services/oauth2/token";
  static final String CLIENT_ID = "3MVG9leadgate-consumer-key";
  static final String CLIENT_SECRET = "consumer-secret-9876543210";

  /** Session tokens the token endpoint gave out that have not expired. */
  final java.util.Set<String> sessions = ConcurrentHashMap.newKeySet();
  /** Every session token given out, expired or not. */
  final java.util.List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
  final AtomicInteger tokenRequests = new AtomicInteger();
  /** What the token endpoint answers instead of checking the credentials; null: it checks them. */
  final AtomicReference<Reply> tokenEndpointAnswer = new AtomicReference<>();
  /** The API takes no session token at all (a run-as user without API access): only {@link #TOKEN}. */
  volatile boolean refuseSessions;

  final Map<String, String> people = new ConcurrentHashMap<>();
  final AtomicReference<String> throttleNext = new AtomicReference<>();
  volatile boolean queryLags;
  private final AtomicInteger ids = new AtomicInteger(100);

  Function<Receiver.Request, Reply> hubspot() {
    return r -> guard(r, "authorization", ("Bearer " + TOKEN)::equals, """
        {"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}""",
        () -> {
          if (r.method().equals("POST") && r.uri().equals("/crm/v3/objects/contacts")) {
            String email = r.json().getJsonObject("properties").getString("email");
            String existing = people.get(email);
            if (existing != null) {
              return json(409, new JsonObject().put("status", "error")
                  .put("message", "Contact already exists. Existing ID: " + existing).put("category", "CONFLICT")
                  .put("correlationId", "7a8b").encode());
            }
            return json(201, new JsonObject().put("id", create(email)).put("properties", r.json()
                .getJsonObject("properties")).encode());
          }
          Matcher patch = Pattern.compile("/crm/v3/objects/contacts/(\\d+)").matcher(r.uri());
          if (r.method().equals("PATCH") && patch.matches()) {
            return people.containsValue(patch.group(1))
                ? json(200, new JsonObject().put("id", patch.group(1)).encode()) : json(404, "{\"status\":\"error\"}");
          }
          return json(404, "{\"status\":\"error\",\"message\":\"not found\"}");
        });
  }

  Function<Receiver.Request, Reply> pipedrive() {
    return r -> guard(r, "x-api-token", TOKEN::equals, "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}",
        () -> {
          if (r.method().equals("GET") && r.path().equals("/api/v2/persons/search")) {
            String term = query(r.uri(), "term");
            JsonArray items = new JsonArray();
            if (people.containsKey(term)) {
              items.add(new JsonObject().put("result_score", 1.5).put("item", new JsonObject()
                  .put("id", Integer.parseInt(people.get(term))).put("type", "person").put("name", "Someone")
                  .put("emails", new JsonArray().add(term))));
            }
            return json(200, new JsonObject().put("success", true).put("data", new JsonObject().put("items", items))
                .put("additional_data", new JsonObject().putNull("next_cursor")).encode());
          }
          if (r.method().equals("POST") && r.uri().equals("/api/v2/persons")) {
            String email = r.json().getJsonArray("emails").getJsonObject(0).getString("value");
            return json(200, new JsonObject().put("success", true).put("data", new JsonObject()
                .put("id", Integer.parseInt(create(email))).put("name", r.json().getString("name"))).encode());
          }
          Matcher patch = Pattern.compile("/api/v2/persons/(\\d+)").matcher(r.uri());
          if (r.method().equals("PATCH") && patch.matches() && people.containsValue(patch.group(1))) {
            return json(200, new JsonObject().put("success", true).put("data", new JsonObject()
                .put("id", Integer.parseInt(patch.group(1)))).encode());
          }
          return json(404, "{\"success\":false,\"error\":\"Not found\"}");
        });
  }

  Function<Receiver.Request, Reply> salesforce() {
    return r -> r.method().equals("POST") && r.path().equals(TOKEN_PATH) ? token(r) : guard(r, "authorization",
        auth -> auth != null && (auth.equals("Bearer " + TOKEN) || !refuseSessions
            && sessions.contains(auth.replaceFirst("^Bearer ", ""))),
        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]", () -> {
          String api = "/services/data/v62.0";
          if (r.method().equals("GET") && r.path().equals(api + "/query")) {
            Matcher email = Pattern.compile("Email = '(.*?)'").matcher(query(r.uri(), "q"));
            JsonArray records = new JsonArray();
            if (email.find() && people.containsKey(email.group(1)) && !queryLags) {
              String id = people.get(email.group(1));
              records.add(new JsonObject().put("attributes", new JsonObject().put("type", "Lead")
                  .put("url", api + "/sobjects/Lead/" + id)).put("Id", id));
            }
            return json(200, new JsonObject().put("totalSize", records.size()).put("done", true)
                .put("records", records).encode());
          }
          if (r.method().equals("POST") && r.uri().equals(api + "/sobjects/Lead")) {
            String email = r.json().getString("Email");
            if (people.containsKey(email)) {
              return json(400, CrmPresetTest.duplicates(people.get(email)));
            }
            return json(201, new JsonObject().put("id", create(email, "00Q5f00000")).put("success", true)
                .put("errors", new JsonArray()).encode());
          }
          Matcher patch = Pattern.compile(Pattern.quote(api) + "/sobjects/Lead/(00Q\\w+)").matcher(r.uri());
          if (r.method().equals("PATCH") && patch.matches() && people.containsValue(patch.group(1))) {
            return new Reply(204, Map.of(), "", false);
          }
          return json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
        });
  }

  /** Every session token given out so far times out, as after Salesforce's session time-out. */
  void expireSessions() {
    sessions.clear();
  }

  /** The client credentials flow as Salesforce answers it (form body; no expires_in). */
  private Reply token(Receiver.Request r) {
    tokenRequests.incrementAndGet();
    Reply instead = tokenEndpointAnswer.get();
    if (instead != null) {
      return instead;
    }
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : r.body().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"application/x-www-form-urlencoded".equals(r.headers().get("content-type"))
        || !"client_credentials".equals(form.get("grant_type"))) {
      return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not supported\"}");
    }
    if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      return json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    }
    String session = "00D5f000000abcd!session-" + ids.incrementAndGet();
    sessions.add(session);
    issued.add(session);
    return json(200, new JsonObject().put("access_token", session).put("signature", "c2lnbmF0dXJl")
        .put("instance_url", "http://" + r.headers().get("host")).put("id", "https://login.salesforce.com/id/00D/005")
        .put("token_type", "Bearer").put("issued_at", "1733390000000").encode());
  }

  /** An existing person with this email; its id as the CRM gives it. */
  String existing(String email, String id) {
    people.put(email, id);
    return id;
  }

  private String create(String email) {
    return create(email, "");
  }

  private String create(String email, String prefix) {
    String id = prefix + ids.incrementAndGet();
    people.put(email, id);
    return id;
  }

  private Reply guard(Receiver.Request r, String header, java.util.function.Predicate<String> valid,
                      String unauthorized, java.util.function.Supplier<Reply> api) {
    String retryAfter = throttleNext.getAndSet(null);
    if (retryAfter != null) {
      return new Reply(429, Map.of("Retry-After", retryAfter, "content-type", "application/json"),
          "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\",\"category\":\"RATE_LIMITS\"}",
          false);
    }
    if (!valid.test(r.headers().get(header))) {
      return json(401, unauthorized);
    }
    return api.get();
  }

  private static Reply json(int status, String body) {
    return new Reply(status, Map.of("content-type", "application/json"), body, false);
  }

  private static String query(String uri, String name) {
    String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
