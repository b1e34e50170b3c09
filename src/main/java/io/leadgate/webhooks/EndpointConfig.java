package io.leadgate.webhooks;

import io.leadgate.config.Check;
import io.leadgate.config.ConfigException;
import io.leadgate.config.Durations;
import io.leadgate.net.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One webhook endpoint from the {@code webhooks:} list: where, how it is signed, what it wants and how it is sent.
 * Validated when the file is read; every failure names its field ({@code webhooks[0].secrets[1]}) and never repeats
 * a secret.
 *
 * @param id            stable name, used in Redis keys and in {@code /api/webhooks/{id}}: 1 to 64 of
 *                      {@code [a-z0-9_-]}, starting with a letter or digit
 * @param url           http(s) URL; its host must not be (or resolve to) an internal address unless allowed below
 * @param secret        one {@code whsec_} secret (or use {@code secrets})
 * @param secrets       {@code whsec_} secrets, the current one first; during a rotation each request carries one
 *                      signature per secret
 * @param events        wanted types ({@code lead.created}...), a stage change optionally narrowed to the stage moved
 *                      to ({@code lead.stage_changed:sql}); default: every type
 * @param filter        conditions on the lead (stage, score, site)
 * @param headers       extra request headers (for example the CRM's own API key)
 * @param payload       field mapping for a CRM's own intake API; default: the Standard Webhooks envelope
 * @param timeout       per attempt, from connecting to the last byte read (default 15s)
 * @param concurrency   requests in flight to this endpoint from one gateway instance (default 8)
 * @param retrySchedule delay before each attempt (default 0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h)
 * @param allowSubnets  address blocks this endpoint may reach although they are not public (a self-hosted receiver)
 * @param disableAfter  an endpoint that fails without a single success for this long is disabled (default 5d)
 * @param preset        {@code hubspot}, {@code pipedrive} or {@code salesforce}: upsert the person in that CRM
 *                      through its own API instead of posting the signed envelope ({@link CrmPreset}); {@code url} is
 *                      then the API's base URL (default per CRM), no secret is used and {@code payload} changes the
 *                      preset's default fields
 * @param token         the CRM's API token, required with a preset (unless {@code oauth} is given) and only there;
 *                      sent in the preset's auth header, never shown in a log or a message
 * @param oauth         with preset {@code salesforce}, instead of {@code token}: the connected app's client
 *                      credentials, with which the gateway fetches its access tokens itself ({@link OAuthConfig})
 */
public record EndpointConfig(String id, String url, String secret, List<String> secrets, List<String> events,
                             FilterConfig filter, Map<String, String> headers, PayloadConfig payload, String timeout,
                             Integer concurrency, List<String> retrySchedule, List<String> allowSubnets,
                             String disableAfter, String preset, String token, OAuthConfig oauth) {

  /** What a preset endpoint gets when {@code events} is not given: no junk ({@code lead.disqualified}) in a CRM. */
  static final List<String> PRESET_EVENTS = List.of(LeadEvents.CREATED, LeadEvents.UPDATED, LeadEvents.STAGE_CHANGED);

  /** Headers the dispatcher writes itself, which configuration may not replace. */
  static final Set<String> RESERVED_HEADERS = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
      "content-type", "content-length", "host", "transfer-encoding", "connection", "user-agent");

  public EndpointConfig {
    id = Check.required(id, "id");
    Check.that(id.matches("[a-z0-9][a-z0-9_-]{0,63}"), "id",
        "must be 1 to 64 of a-z, 0-9, '-' or '_', starting with a letter or digit (was \"" + id + "\")");
    allowSubnets = allowSubnets == null ? List.of() : List.copyOf(allowSubnets);
    List<Cidr> subnets = new ArrayList<>();
    for (int i = 0; i < allowSubnets.size(); i++) {
      try {
        subnets.add(Cidr.parse(allowSubnets.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("allowSubnets[" + i + "]", e.getMessage());
      }
    }
    CrmPreset crm = preset == null ? null : CrmPreset.parse(preset).orElseThrow(() -> new ConfigException("preset",
        "must be one of " + CrmPreset.labels() + " (was \"" + preset + "\")"));
    checkToken(crm, token, oauth);
    if (crm != null && url == null) {
      Check.that(crm.defaultUrl() != null, "url", "is required with preset " + crm.label()
          + ": the org's own API domain, like https://MYDOMAIN.my.salesforce.com");
      url = crm.defaultUrl();
    }
    url = Check.required(url, "url");
    Check.that(crm == null || !url.contains("?"), "url", "is the API's base URL with preset " + preset
        + " and takes no query");
    checkReachable(url, subnets, "url");
    if (oauth != null) {
      oauth = oauth.tokenUrl() != null ? oauth : new OAuthConfig(oauth.clientId(), oauth.clientSecret(),
          url.replaceAll("/+$", "") + OAuthConfig.TOKEN_PATH);
      checkReachable(oauth.tokenUrl(), subnets, "oauth.tokenUrl");
    }
    Check.that(secret == null || secrets == null, "secret", "give either secret or secrets, not both");
    Check.that(crm == null || (secret == null && secrets == null), secret != null ? "secret" : "secrets",
        "is not used with preset " + preset + ": the CRM checks the token, not a Standard Webhooks signature");
    secrets = secrets != null ? List.copyOf(secrets) : secret != null ? List.of(secret.strip()) : List.of();
    Check.that(crm != null || !secrets.isEmpty(), "secrets", "is required: at least one whsec_ secret (openssl rand -base64 32)");
    for (int i = 0; i < secrets.size(); i++) {
      try {
        Signer.decode(secrets.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(secret != null ? "secret" : "secrets[" + i + "]", e.getMessage());
      }
    }
    Check.that(secrets.stream().distinct().count() == secrets.size(), "secrets", "must not repeat a secret");
    secret = null;
    events = events == null || events.isEmpty() ? (crm == null ? LeadEvents.TYPES : PRESET_EVENTS) : List.copyOf(events);
    for (int i = 0; i < events.size(); i++) {
      checkEvent(events.get(i), "events[" + i + "]");
    }
    filter = filter == null ? FilterConfig.NONE : filter;
    headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      Check.that(name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"), "headers." + name, "is not a valid header name");
      Check.that(!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT)), "headers." + name,
          "is set by the dispatcher and cannot be configured");
      Check.that(header.getValue() != null && !header.getValue().matches("(?s).*[\\r\\n\\x00].*"), "headers." + name,
          "must be a single-line value");
      Check.that(crm == null || !name.equalsIgnoreCase(crm.authHeader()), "headers." + name,
          "is set from token with preset " + preset);
    }
    headers = java.util.Collections.unmodifiableMap(headers);
    payload = payload == null ? PayloadConfig.ENVELOPE : payload;
    for (Map.Entry<String, String> field : payload.fields().entrySet()) {
      Check.that(crm != null || field.getValue() != null, "payload.fields." + field.getKey(),
          "must be a dotted path like data.email (was empty; only a preset's default field can be removed so)");
    }
    Durations.range(Durations.parse(timeout, "timeout", Duration.ofSeconds(15)), Duration.ofMillis(100),
        Duration.ofMinutes(5), "timeout");
    concurrency = concurrency == null ? 8 : concurrency;
    Check.range(concurrency, 1, 256, "concurrency");
    retrySchedule = retrySchedule == null ? null : List.copyOf(retrySchedule);
    if (retrySchedule != null) {
      Check.that(!retrySchedule.isEmpty() && retrySchedule.size() <= 30, "retrySchedule",
          "must list 1 to 30 delays (was " + retrySchedule.size() + ")");
      for (int i = 0; i < retrySchedule.size(); i++) {
        Durations.range(Durations.parse(retrySchedule.get(i), "retrySchedule[" + i + "]", null), Duration.ZERO,
            Duration.ofDays(7), "retrySchedule[" + i + "]");
      }
    }
    Durations.range(Durations.parse(disableAfter, "disableAfter", Duration.ofDays(5)), Duration.ofMinutes(1),
        Duration.ofDays(365), "disableAfter");
  }

  public Duration timeoutDuration() {
    return Durations.parse(timeout, "timeout", Duration.ofSeconds(15));
  }

  public Duration disableAfterDuration() {
    return Durations.parse(disableAfter, "disableAfter", Duration.ofDays(5));
  }

  public List<Duration> retryDelays() {
    return retrySchedule == null ? RetrySchedule.DEFAULT_DELAYS
        : retrySchedule.stream().map(d -> Durations.parse(d, "retrySchedule", null)).toList();
  }

  public List<Cidr> allowedSubnets() {
    return allowSubnets.stream().map(Cidr::parse).toList();
  }

  /** The types and stage narrowing of {@link #events}, combined with {@link #filter}. */
  public EventFilter eventFilter() {
    Map<String, Set<String>> types = new LinkedHashMap<>();
    for (String event : events) {
      int colon = event.indexOf(':');
      String type = colon < 0 ? event : event.substring(0, colon);
      Set<String> stages = new java.util.HashSet<>(types.getOrDefault(type, Set.of()));
      if (colon < 0) {
        types.put(type, Set.of()); // the whole type: no narrowing, whatever else is listed
        continue;
      }
      if (types.containsKey(type) && types.get(type).isEmpty()) {
        continue;
      }
      stages.add(event.substring(colon + 1));
      types.put(type, Set.copyOf(stages));
    }
    return new EventFilter(types, Set.copyOf(filter.stages()), filter.minScore(), Set.copyOf(filter.sites()));
  }

  /** The CRM this endpoint upserts people in, or empty for a signed-envelope endpoint. */
  public java.util.Optional<CrmPreset> crmPreset() {
    return preset == null ? java.util.Optional.empty() : CrmPreset.parse(preset);
  }

  @Override
  public String toString() {
    String auth = preset == null ? "" : oauth == null ? ", token=(hidden)" : ", " + oauth;
    return "EndpointConfig[id=" + id + ", url=" + url + (preset == null ? "" : ", preset=" + preset + auth)
        + ", secrets=(" + secrets.size() + " hidden)]";
  }

  /** Exactly one of a token and client credentials with a preset, the credentials only where the CRM takes them. */
  private static void checkToken(CrmPreset crm, String token, OAuthConfig oauth) {
    if (crm == null) {
      Check.that(token == null, "token", "is only used with a preset; a generic endpoint sends its CRM's key in headers");
      Check.that(oauth == null, "oauth", "is only used with preset " + CrmPreset.SALESFORCE.label());
      return;
    }
    if (oauth != null) {
      Check.that(crm.fetchesTokens(), "oauth", "is only used with preset " + CrmPreset.SALESFORCE.label()
          + "; preset " + crm.label() + " takes a token");
      Check.that(token == null, "oauth", "give either token or oauth, not both");
      return;
    }
    Check.that(token != null && !token.isBlank(), "token", "is required with preset " + crm.label()
        + ": the CRM's API token (sent as " + crm.authHeader() + ")"
        + (crm.fetchesTokens() ? ", or oauth: {clientId, clientSecret} to fetch tokens" : ""));
    checkSingleLine(token, "token");
  }

  private static void checkSingleLine(String value, String field) {
    Check.that(!value.matches("(?s).*[\\r\\n\\x00].*") && value.strip().equals(value), field,
        "must be a single-line value without surrounding spaces");
  }

  private static void checkReachable(String url, List<Cidr> subnets, String field) {
    try {
      new SsrfGuard(subnets).checkUrl(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(field, e.getMessage());
    }
  }

  private static void checkEvent(String event, String field) {
    Check.that(event != null, field, "must not be empty");
    int colon = event.indexOf(':');
    String type = colon < 0 ? event : event.substring(0, colon);
    Check.that(LeadEvents.ALL_TYPES.contains(type), field,
        "must be one of " + LeadEvents.ALL_TYPES + ", optionally lead.stage_changed:STAGE (was \"" + event + "\")");
    if (colon >= 0) {
      Check.that(type.equals(LeadEvents.STAGE_CHANGED), field,
          "only lead.stage_changed can be narrowed to a stage (was \"" + event + "\")");
      String stage = event.substring(colon + 1);
      Check.that(LeadEvents.STAGES.contains(stage), field,
          "stage must be one of " + LeadEvents.STAGES + " (was \"" + stage + "\")");
    }
  }

  /**
   * The OAuth 2.0 client credentials of a Salesforce connected app (client credentials flow enabled, with a run-as
   * user): the gateway fetches its access token with them ({@code grant_type=client_credentials}), keeps it in memory
   * and fetches a new one when Salesforce says the session expired.
   *
   * @param clientId     the connected app's consumer key
   * @param clientSecret the connected app's consumer secret; never shown in a log or a message
   * @param tokenUrl     where tokens are fetched; default the endpoint's {@code url} + {@value #TOKEN_PATH}
   */
  public record OAuthConfig(String clientId, String clientSecret, String tokenUrl) {
    static final String TOKEN_PATH = "/services/oauth2/token";

    public OAuthConfig {
      clientId = Check.required(clientId, "clientId");
      checkSingleLine(clientId, "clientId");
      Check.that(clientSecret != null && !clientSecret.isBlank(), "clientSecret",
          "is required: the connected app's consumer secret");
      checkSingleLine(clientSecret, "clientSecret");
      Check.that(tokenUrl == null || !tokenUrl.isBlank(), "tokenUrl", "must be an http:// or https:// URL (was empty)");
    }

    @Override
    public String toString() {
      return "oauth=(clientId=" + clientId + ", tokenUrl=" + tokenUrl + ", clientSecret=(hidden))";
    }
  }

  /**
   * Conditions on the lead an event is about.
   *
   * @param stages   the lead's stage (after the change) is one of these
   * @param minScore the lead's score is at least this
   * @param sites    the event comes from one of these sites
   */
  public record FilterConfig(List<String> stages, Integer minScore, List<String> sites) {
    static final FilterConfig NONE = new FilterConfig(null, null, null);

    public FilterConfig {
      stages = stages == null ? List.of() : List.copyOf(stages);
      sites = sites == null ? List.of() : List.copyOf(sites);
      for (int i = 0; i < stages.size(); i++) {
        Check.that(LeadEvents.STAGES.contains(stages.get(i)), "stages[" + i + "]",
            "must be one of " + LeadEvents.STAGES + " (was \"" + stages.get(i) + "\")");
      }
    }
  }

  /**
   * The body for a CRM's own lead-intake API instead of the Standard Webhooks envelope.
   *
   * @param fields    output field (dots nest: {@code contact.email}) → path into the envelope, starting with one of
   *                  {@link PayloadMapper#ROOTS} ({@code data.email}, {@code data.fields.company}, {@code type})
   * @param constants output field → a fixed value ({@code source: leadgate})
   */
  public record PayloadConfig(Map<String, String> fields, Map<String, Object> constants) {
    static final PayloadConfig ENVELOPE = new PayloadConfig(null, null);

    public PayloadConfig {
      fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      constants = constants == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constants));
      for (Map.Entry<String, String> field : fields.entrySet()) {
        checkOutputField(field.getKey(), "fields");
        String path = field.getValue();
        if (path == null) {
          continue; // removes a preset's default field; refused without a preset by EndpointConfig
        }
        Check.that(path.matches("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*"), "fields." + field.getKey(),
            "must be a dotted path like data.email (was \"" + path + "\")");
        String root = path.split("\\.")[0];
        Check.that(PayloadMapper.ROOTS.contains(root), "fields." + field.getKey(),
            "must start with one of " + PayloadMapper.ROOTS + " (was \"" + path + "\")");
      }
      constants.keySet().forEach(name -> checkOutputField(name, "constants"));
    }

    public PayloadMapper mapper() {
      return new PayloadMapper(fields, constants);
    }

    private static void checkOutputField(String name, String parent) {
      Check.that(name != null && !name.isEmpty() && !name.startsWith(".") && !name.endsWith(".") && !name.contains(".."),
          parent + "." + name, "must be a field name, dots separating nested objects");
    }
  }
}
