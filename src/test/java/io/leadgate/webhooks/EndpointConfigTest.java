package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.config.ConfigException;
import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  static GatewayConfig parse(String endpointYaml) {
    return new ConfigLoader().parse("""
        sites:
          - key: acme
        webhooks:
          - id: ok
            url: https://crm.example.com/hook
            secret: %s
        """.formatted(SECRET) + endpointYaml, "test.yaml");
  }

  static String errorOf(String endpointYaml) {
    return assertThrows(ConfigException.class, () -> parse(endpointYaml)).getMessage();
  }

  @Test
  void minimalEndpoint_getsTheDefaults() {
    EndpointConfig endpoint = parse("").webhooks().get(0);
    assertEquals(Duration.ofSeconds(15), endpoint.timeoutDuration());
    assertEquals(8, endpoint.concurrency());
    assertEquals(RetrySchedule.DEFAULT_DELAYS, endpoint.retryDelays());
    assertEquals(Duration.ofDays(5), endpoint.disableAfterDuration());
    assertEquals(LeadEvents.TYPES, endpoint.events());
    assertEquals(java.util.List.of(SECRET), endpoint.secrets());
  }

  @Test
  void fullEndpoint_isRead() {
    EndpointConfig endpoint = parse("""
          - id: hubspot
            url: https://api.hubspot.example/leads?src=lg
            secrets: [%s, whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA]
            events: [lead.created, "lead.stage_changed:sql"]
            filter: {stages: [mql, sql], minScore: 40, sites: [acme]}
            headers: {Authorization: Bearer abc}
            payload:
              fields: {email: data.email, company.name: data.fields.company}
              constants: {source: leadgate}
            timeout: 5s
            concurrency: 2
            retrySchedule: [0s, 1m, 1h]
            allowSubnets: [10.0.0.0/8]
            disableAfter: 2d
        """.formatted(SECRET)).webhooks().get(1);
    assertEquals(2, endpoint.secrets().size());
    assertEquals(java.util.List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)), endpoint.retryDelays());
    assertEquals(Duration.ofSeconds(5), endpoint.timeoutDuration());
    assertEquals("Bearer abc", endpoint.headers().get("Authorization"));
    assertFalse(endpoint.toString().contains(SECRET), "secrets never show in logs");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      url: http://127.0.0.1/hook                           | webhooks[1].url: host 127.0.0.1 is a loopback address
      url: http://0177.0.0.1/                              | webhooks[1].url: host 0177.0.0.1 is a loopback address
      url: http://169.254.169.254/                         | webhooks[1].url: host 169.254.169.254 is a cloud metadata address
      url: ftp://crm.example.com/                          | webhooks[1].url: must be an http:// or https:// URL
      secret: whsec_c2hvcnQ=                               | webhooks[1].secret: must decode to 24 to 64 bytes
      secrets: [nope]                                      | webhooks[1].secrets[0]: must start with whsec_
      events: [lead.deleted]                               | webhooks[1].events[0]: must be one of
      events: ["lead.created:sql"]                         | webhooks[1].events[0]: only lead.stage_changed can be narrowed
      events: ["lead.stage_changed:hot"]                   | webhooks[1].events[0]: stage must be one of
      timeout: 15                                          | webhooks[1].timeout: must be a number followed by ms, s, m, h or d
      timeout: 10m                                         | webhooks[1].timeout: must be between 100ms and 5m (was 10m)
      concurrency: 0                                       | webhooks[1].concurrency: must be between 1 and 256 (was 0)
      retrySchedule: [0s, soon]                            | webhooks[1].retrySchedule[1]: must be a number followed by
      allowSubnets: [10.0.0.0/33]                          | webhooks[1].allowSubnets[0]: prefix length must be 0 to 32
      headers: {webhook-id: x}                             | webhooks[1].headers.webhook-id: is set by the dispatcher
      filter: {stages: [hot]}                              | webhooks[1].filter.stages[0]: must be one of
      filter: {sites: [other]}                             | webhooks[1].filter.sites: names a site that is not configured
      payload: {fields: {email: contact.email}}            | webhooks[1].payload.fields.email: must start with one of
      colour: blue                                         | webhooks[1].colour: is not a known setting
      """)
  void invalidSetting_messageNamesTheField(String setting, String expected) {
    String key = setting.substring(0, setting.indexOf(':'));
    java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
    lines.put("id", "id: two");
    lines.put("url", "url: https://crm.example.com/two");
    if (!key.equals("secrets")) {
      lines.put("secret", "secret: " + SECRET);
    }
    lines.put(key, setting);
    StringBuilder yaml = new StringBuilder("  - ");
    lines.values().forEach(line -> yaml.append(line).append("\n    "));
    String message = errorOf(yaml.toString());
    assertTrue(message.contains(expected), message);
  }

  @Test
  void secretWrong_messageDoesNotRepeatIt() {
    String message = errorOf("""
          - id: two
            url: https://crm.example.com/two
            secret: whsec_c2VjcmV0LXRvby1zaG9ydA==
        """);
    assertTrue(message.contains("webhooks[1].secret"), message);
    assertFalse(message.contains("c2VjcmV0LXRvby1zaG9ydA"), message);
  }

  @Test
  void documentedExample_parses() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/webhooks.md"));
    String yaml = doc.substring(doc.indexOf("```yaml\n") + 8, doc.indexOf("```", doc.indexOf("```yaml\n") + 8));
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: acme}]\n" + yaml, "docs/webhooks.md");
    EndpointConfig hubspot = config.webhooks().get(0);
    assertEquals(2, hubspot.secrets().size());
    assertEquals(1, config.apiKeys().size());
    assertEquals(Duration.ofSeconds(60), config.webhookDelivery().claimAfterDuration());
  }

  @Test
  void duplicateIds_refused() {
    assertTrue(errorOf("""
          - id: ok
            url: https://crm.example.com/two
            secret: %s
        """.formatted(SECRET)).contains("webhooks[].id: must not repeat"));
  }

  @Test
  void badId_refused() {
    assertTrue(errorOf("""
          - id: "Has Space"
            url: https://crm.example.com/two
            secret: %s
        """.formatted(SECRET)).contains("webhooks[1].id: must be 1 to 64 of a-z"));
  }

  @Test
  void noSecret_refused() {
    assertTrue(errorOf("""
          - id: two
            url: https://crm.example.com/two
        """).contains("webhooks[1].secrets: is required"));
  }

  @Test
  void deliverySettings_validated() {
    String message = assertThrows(ConfigException.class, () -> new ConfigLoader().parse("""
        sites: [{key: acme}]
        webhookDelivery: {claimAfter: 100ms}
        """, "test.yaml")).getMessage();
    assertTrue(message.contains("webhookDelivery.claimAfter: must be between 1s and 1h (was 100ms)"), message);
  }

  @Test
  void apiKeys_validated() {
    String message = assertThrows(ConfigException.class, () -> new ConfigLoader().parse("""
        sites: [{key: acme}]
        apiKeys: [{name: crm, sha256: not-hex}]
        """, "test.yaml")).getMessage();
    assertTrue(message.contains("apiKeys[0].sha256: must be the 64 hex digits"), message);
  }

  static String presetError(String settings) {
    return errorOf("  - id: two\n" + settings.stripIndent().lines().map(l -> "    " + l + "\n")
        .collect(java.util.stream.Collectors.joining()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      preset: zoho; token: t                                 | webhooks[1].preset: must be one of [hubspot, pipedrive, salesforce] (was "zoho")
      preset: hubspot                                        | webhooks[1].token: is required with preset hubspot
      preset: pipedrive; token: " t "                        | webhooks[1].token: must be a single-line value without surrounding spaces
      preset: salesforce; token: t                           | webhooks[1].url: is required with preset salesforce
      preset: hubspot; token: t; url: "https://api.hubapi.com/?x=1" | webhooks[1].url: is the API's base URL with preset hubspot and takes no query
      preset: hubspot; token: t; secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | webhooks[1].secret: is not used with preset hubspot
      preset: hubspot; token: t; headers: {authorization: x} | webhooks[1].headers.authorization: is set from token with preset hubspot
      url: https://crm.example.com/two; secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; token: t | webhooks[1].token: is only used with a preset
      url: https://crm.example.com/two; secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; payload: {fields: {email: }} | webhooks[1].payload.fields.email: must be a dotted path
      """)
  void presetSettingWrong_messageNamesTheField(String settings, String expected) {
    String message = presetError(String.join("\n", settings.split("; ")));
    assertTrue(message.contains(expected), message);
  }

  @Test
  void preset_defaultsItsUrlAndEventsAndNeedsNoSecret() {
    EndpointConfig endpoint = parse("""
          - id: hubspot
            preset: hubspot
            token: pat-eu1-0123456789
        """).webhooks().get(1);
    assertEquals("https://api.hubapi.com", endpoint.url());
    assertEquals(java.util.List.of(), endpoint.secrets());
    assertEquals(java.util.List.of("lead.created", "lead.updated", "lead.stage_changed"), endpoint.events());
    assertEquals(CrmPreset.HUBSPOT, endpoint.crmPreset().orElseThrow());
    assertFalse(endpoint.toString().contains("pat-eu1"), "the token never shows in logs");
  }

  @Test
  void presetTokenWrong_messageDoesNotRepeatIt() {
    String message = presetError("preset: pipedrive\ntoken: \" secret-token-value\"");
    assertTrue(message.contains("webhooks[1].token"), message);
    assertFalse(message.contains("secret-token-value"), message);
  }

  static final String SALESFORCE = "preset: salesforce\nurl: https://acme.my.salesforce.com\n";
  static final String CLIENT_SECRET = "consumer-secret-9876543210";

  @Test
  void salesforceOauth_tokenUrlDefaultsToTheMyDomainsTokenEndpoint() {
    EndpointConfig endpoint = parse("""
          - id: salesforce
            preset: salesforce
            url: https://acme.my.salesforce.com/
            oauth: {clientId: 3MVG9key, clientSecret: %s}
        """.formatted(CLIENT_SECRET)).webhooks().get(1);
    assertEquals(new EndpointConfig.OAuthConfig("3MVG9key", CLIENT_SECRET,
        "https://acme.my.salesforce.com/services/oauth2/token"), endpoint.oauth());
    assertEquals(null, endpoint.token());
    assertFalse(endpoint.toString().contains(CLIENT_SECRET), "the client secret never shows in logs");
  }

  @Test
  void tokenAndOauthTogether_areRefused() {
    String message = presetError(SALESFORCE + "token: t\noauth: {clientId: a, clientSecret: " + CLIENT_SECRET + "}");
    assertTrue(message.contains("webhooks[1].oauth: give either token or oauth, not both"), message);
    assertFalse(message.contains(CLIENT_SECRET), message);
  }

  @Test
  void oauthWithoutClientSecret_isRefused() {
    String message = presetError(SALESFORCE + "oauth: {clientId: a}");
    assertTrue(message.contains("webhooks[1].oauth.clientSecret: is required"), message);
  }

  @Test
  void oauthWithAnotherPreset_isRefused() {
    String message = presetError("preset: hubspot\noauth: {clientId: a, clientSecret: " + CLIENT_SECRET + "}");
    assertTrue(message.contains("webhooks[1].oauth: is only used with preset salesforce; preset hubspot takes a token"),
        message);
    assertFalse(message.contains(CLIENT_SECRET), message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      preset: salesforce; url: https://acme.my.salesforce.com | webhooks[1].token: is required with preset salesforce: the CRM's API token (sent as Authorization), or oauth: {clientId, clientSecret} to fetch tokens
      url: https://crm.example.com/two; secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; oauth: {clientId: a, clientSecret: b} | webhooks[1].oauth: is only used with preset salesforce
      preset: salesforce; url: https://acme.my.salesforce.com; oauth: {clientSecret: b} | webhooks[1].oauth.clientId: is required
      preset: salesforce; url: https://acme.my.salesforce.com; oauth: {clientId: a, clientSecret: b, scope: api} | webhooks[1].oauth.scope: is not a known setting
      preset: salesforce; url: https://acme.my.salesforce.com; oauth: {clientId: a, clientSecret: b, tokenUrl: "http://127.0.0.1/token"} | webhooks[1].oauth.tokenUrl: host 127.0.0.1 is a loopback address
      preset: salesforce; url: https://acme.my.salesforce.com; oauth: {clientId: a, clientSecret: " b"} | webhooks[1].oauth.clientSecret: must be a single-line value without surrounding spaces
      """)
  void oauthSettingWrong_messageNamesTheField(String settings, String expected) {
    String message = presetError(String.join("\n", settings.split("; ")));
    assertTrue(message.contains(expected), message);
  }

  @Test
  void oauthTokenUrlOnAnAllowedSubnet_isAccepted() {
    EndpointConfig endpoint = parse("""
          - id: salesforce
            preset: salesforce
            url: https://acme.my.salesforce.com
            oauth: {clientId: a, clientSecret: b, tokenUrl: "http://10.20.0.5/services/oauth2/token"}
            allowSubnets: [10.20.0.0/16]
        """).webhooks().get(1);
    assertEquals("http://10.20.0.5/services/oauth2/token", endpoint.oauth().tokenUrl());
  }

  @Test
  void documentedPresetExamples_parse() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/webhooks.md"));
    int section = doc.indexOf("## CRM presets");
    int start = doc.indexOf("```yaml\n", section) + 8;
    String yaml = doc.substring(start, doc.indexOf("```", start));
    GatewayConfig config = new ConfigLoader().parse("sites: [{key: acme}]\n" + yaml, "docs/webhooks.md");
    assertEquals(java.util.List.of(CrmPreset.HUBSPOT, CrmPreset.PIPEDRIVE, CrmPreset.SALESFORCE),
        config.webhooks().stream().map(e -> e.crmPreset().orElseThrow()).toList());
    assertEquals("https://acme.my.salesforce.com/services/oauth2/token", config.webhooks().get(2).oauth().tokenUrl());
  }

  @Test
  void documentedOauthExample_parses() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/webhooks.md"));
    int start = doc.indexOf("```yaml\n", doc.indexOf("### Tokens")) + 8;
    String yaml = doc.substring(start, doc.indexOf("```", start));
    EndpointConfig endpoint = new ConfigLoader().parse("sites: [{key: acme}]\nwebhooks:\n" + yaml, "docs/webhooks.md",
        java.util.Map.of("SF_CLIENT_SECRET", "6F3A")).webhooks().get(0);
    assertEquals("3MVG9...", endpoint.oauth().clientId());
    assertEquals("6F3A", endpoint.oauth().clientSecret(), "the secret from the environment, as documented");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      token: t; oauth: {clientId: a, clientSecret: b}          | webhooks[1].oauth: give either token or oauth, not both
      oauth: {clientId: a}                                      | webhooks[1].oauth.clientSecret: is required: the connected app's consumer secret
      oauth: {clientId: a, clientSecret: b, scope: api}         | webhooks[1].oauth.scope: is not a known setting (known here: [clientSecret, clientId, tokenUrl])
      oauth: {clientId: a, clientSecret: b, tokenUrl: "http://10.0.0.5/t"} | webhooks[1].oauth.tokenUrl: host 10.0.0.5 is a private address; add its subnet to allowSubnets to allow it
      """)
  void documentedOauthMessages_areTheOnesGiven(String settings, String expected) {
    String message = presetError(SALESFORCE + String.join("\n", settings.split("; ")));
    assertTrue(message.contains(expected), message);
  }
}
