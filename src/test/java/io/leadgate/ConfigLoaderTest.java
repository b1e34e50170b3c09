package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.config.ConfigException;
import io.leadgate.config.IpPolicy;
import io.leadgate.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void load_withoutFile_runsTheBundledDemoInMemory() {
    GatewayConfig config = loader.load(null, Map.of());
    assertTrue(config.site("demo").isPresent());
    assertTrue(config.server().demoPage());
    assertFalse(config.redis().enabled());
  }

  @Test
  void dockerExampleConfiguration_isValid() {
    GatewayConfig config = loader.load(Path.of("docker/leadgate.yaml"), Map.of("LEADGATE_REDIS_URL", "redis://redis:6379"));
    assertTrue(config.redis().enabled());
  }

  @Test
  void load_redisUrlFromEnvironment_putsTheGatewayOnRedis() {
    GatewayConfig config = loader.load(null, Map.of("LEADGATE_REDIS_URL", "redis://127.0.0.1:6379"));
    assertEquals("redis://127.0.0.1:6379", config.redis().url());
  }

  @Test
  void load_badRedisUrlFromEnvironment_namesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load(null, Map.of("LEADGATE_REDIS_URL", "localhost:6379")));
    assertTrue(e.getMessage().startsWith("config environment LEADGATE_REDIS_URL: redis.url: must look like redis://"),
        e.getMessage());
  }

  @Test
  void load_portThatIsNotANumber_namesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(null, Map.of("LEADGATE_PORT", "http")));
    assertEquals("server.port", e.field());
  }

  @Test
  void load_missingFile_namesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing, Map.of()));
    assertEquals("config " + missing + ": file not found", e.getMessage());
  }

  @Test
  void load_fileWithBadField_namesFileAndField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, """
        sites:
          - key: acme
          - key: shop
            ip: hide
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
    assertEquals("config " + file + ": sites[1].ip: must be one of none, truncated, full (was \"hide\")", e.getMessage());
  }

  static Path webhookWithItsSecretFromTheEnvironment(Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    Files.writeString(file, """
        sites: [{key: acme}]
        webhooks:
          - id: crm
            url: https://crm.example.com/hook
            secret: ${CRM_WEBHOOK_SECRET}
        """);
    return file;
  }

  @Test
  void load_valueReferringToAnEnvironmentVariable_takesTheVariablesValue(@TempDir Path dir) throws Exception {
    Path file = webhookWithItsSecretFromTheEnvironment(dir);
    GatewayConfig config = loader.load(file, Map.of("CRM_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    assertEquals(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), config.webhooks().get(0).secrets());
  }

  @Test
  void load_referenceToAnUnsetVariable_namesTheFieldAndTheVariable(@TempDir Path dir) throws Exception {
    Path file = webhookWithItsSecretFromTheEnvironment(dir);
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of()));
    assertEquals("config " + file + ": webhooks[0].secret: refers to the environment variable CRM_WEBHOOK_SECRET, "
        + "which is not set or empty (or give a default: ${CRM_WEBHOOK_SECRET:-default})", e.getMessage());
  }

  @Test
  void parse_referenceWithADefault_takesTheDefaultWhenTheVariableIsUnset() {
    GatewayConfig config = loader.parse("server: {host: \"${LEADGATE_HOST:-127.0.0.1}\"}\nsites: [{key: acme}]\n",
        "test.yaml", Map.of());
    assertEquals("127.0.0.1", config.server().host());
  }

  @Test
  void parse_doubledDollar_isAPlainDollar_soAReferenceCanBeWrittenAsText() {
    GatewayConfig config = loader.parse("""
        sites: [{key: acme, name: "costs $$5, not $${PRICE}"}]
        """, "test.yaml", Map.of("PRICE", "9"));
    assertEquals("costs $5, not ${PRICE}", config.sites().get(0).name());
  }

  @Test
  void parse_malformedReference_isNamedWithItsField() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.parse("sites: [{key: acme, name: \"${1ST}\"}]\n", "test.yaml", Map.of()));
    assertEquals("config test.yaml: sites[0].name: \"${1ST}\" is not a reference to an environment variable: write "
        + "${NAME} or ${NAME:-default}, or $$ for a plain $", e.getMessage());
  }

  @Test
  void parse_settingNames_areNeverReplaced_onlyValues() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.parse("sites: [{key: acme}]\n${SECTION}: {}\n", "test.yaml", Map.of("SECTION", "server")));
    assertTrue(e.getMessage().contains("${SECTION}"), e.getMessage());
  }

  @Test
  void parse_unknownSetting_isNamedWithItsPlace() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server:
          prot: 8080
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals("server.prot", e.field());
    assertTrue(e.getMessage().contains("is not a known setting"), e.getMessage());
  }

  @Test
  void parse_outOfRangeNumber_saysTheRangeAndTheValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server: {bodyLimit: 10}
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals("config x.yaml: server.bodyLimit: must be between 1024 and 16777216 (was 10)", e.getMessage());
  }

  @Test
  void parse_projectionLag_defaultsToFiveMinutes_andIsChecked() {
    assertEquals(300, loader.parse("sites: [{key: acme}]", "x.yaml").ingest().maxLagSeconds());
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        ingest: {maxLagSeconds: 0}
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals("config x.yaml: ingest.maxLagSeconds: must be between 1 and 86400 (was 0)", e.getMessage());
  }

  // Content blockers refuse paths with such words: served there, the snippet would be blocked as a tracker.
  @Test
  void parse_trackerLikeFirstPartyPath_isRefusedNamingTheField() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        sites: [{key: acme, firstPartyPath: /analytics}]
        """, "x.yaml"));
    assertTrue(e.getMessage().startsWith("config x.yaml: sites[0].firstPartyPath: must not look like a tracker's path"),
        e.getMessage());
  }

  @Test
  void parse_firstPartyPathAndHonorDnt_areKeptAsWritten() {
    var site = loader.parse("""
        sites: [{key: acme, firstPartyPath: /assets/x7/, honorDnt: false}]
        """, "x.yaml").sites().get(0);
    assertEquals("/assets/x7", site.firstPartyPath());
    assertFalse(site.honorDnt());
  }

  @Test
  void parse_demoDataWithoutTheDemoForms_namesTheSettingAndTheMissingForms() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        sites: [{key: acme}]
        demo: {data: true}
        """, "x.yaml"));
    assertEquals("config x.yaml: demo.data: the demo month is made of the bundled demo's forms [newsletter, ebook,"
        + " webinar-scoring, demo-request] on the first site (acme); missing: [newsletter, ebook, webinar-scoring,"
        + " demo-request]", e.getMessage());
  }

  @Test
  void load_withoutFile_hasNoDemoDataUnlessAskedFor() {
    assertFalse(loader.load(null, Map.of()).demo().data());
  }

  @Test
  void parse_unknownTimeZone_namesTheSiteAndTheField() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        sites: [{key: acme, timezone: Europe/Atlantis}]
        """, "x.yaml"));
    assertEquals("config x.yaml: sites[0].timezone: must be an IANA time zone such as Europe/Berlin or UTC"
        + " (was \"Europe/Atlantis\")", e.getMessage());
  }

  @Test
  void parse_trustedProxyThatIsNotAnAddress_namesTheEntry() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server: {trustedProxies: ["10.0.0.0/8", "nope/8"]}
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals("config x.yaml: server.trustedProxies[1]: must be an IP address or CIDR block like 10.0.0.0/8"
        + " (was \"nope/8\")", e.getMessage());
  }

  // Jackson's own text ("Cannot deserialize value of type `java.lang.Integer` from String...") was shown as is.
  @Test
  void parse_wrongType_saysWhatIsWantedAndWhatWasGiven() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server: {bodyLimit: 64k}
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals("config x.yaml: server.bodyLimit: must be a whole number of bytes (was \"64k\")", e.getMessage());
  }

  @Test
  void parse_sectionGivenAsAList_saysASectionIsWanted() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server: [8080]
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals("config x.yaml: server: must be a section of settings (name: value) (was a list)", e.getMessage());
  }

  // Binding stopped at the first problem: an operator fixed one line, restarted, and met the next.
  @Test
  void parse_severalProblems_reportsEveryOneOnItsOwnLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server:
          bodyLimit: 64k
          prot: 8080
        sites:
          - key: acme
            visitorTtlDays: 0
          - key: shop
            ip: hide
        secret: short
        """, "x.yaml"));
    assertEquals(List.of("server.bodyLimit", "server.prot", "sites[0].visitorTtlDays", "sites[1].ip", "secret"),
        e.problems().stream().map(ConfigException::field).toList());
    List<String> lines = e.getMessage().lines().toList();
    assertEquals("config x.yaml: server.bodyLimit: must be a whole number of bytes (was \"64k\")", lines.get(0));
    assertTrue(lines.get(1).startsWith("config x.yaml: server.prot: is not a known setting"), lines.get(1));
    assertEquals("config x.yaml: sites[0].visitorTtlDays: must be between 1 and 3650 (was 0)", lines.get(2));
    assertEquals("config x.yaml: sites[1].ip: must be one of none, truncated, full (was \"hide\")", lines.get(3));
    assertTrue(lines.get(4).startsWith("config x.yaml: secret: must be at least 32 characters"), lines.get(4));
    assertEquals(5, e.problems().size());
    assertEquals("server.bodyLimit", e.field());
  }

  @Test
  void parse_requiredFieldMissing_isReportedWithoutWhatFollowsFromIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("sites: [{name: Acme}]", "x.yaml"));
    assertEquals(List.of("config x.yaml: sites[0].key: is required"),
        e.problems().stream().map(ConfigException::getMessage).toList());
  }

  @Test
  void parse_problemsAroundARefusedListEntry_keepTheirPositionsInTheFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        server: {trustedProxies: ["nope/8", "10.0.0.0/8", "bad"]}
        sites: [{key: acme}]
        """, "x.yaml"));
    assertEquals(List.of("server.trustedProxies[0]", "server.trustedProxies[2]"),
        e.problems().stream().map(ConfigException::field).toList());
  }

  @Test
  void parse_noTimeZone_isUtc() {
    assertEquals("UTC", loader.parse("sites: [{key: acme}]", "x.yaml").sites().get(0).timezone());
  }

  @Test
  void parse_noSites_isRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("server: {port: 8080}", "x.yaml"));
    assertEquals("sites", e.field());
  }

  @Test
  void parse_duplicateSiteKeys_areRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.parse("sites: [{key: acme}, {key: acme}]", "x.yaml"));
    assertEquals("sites[].key", e.field());
  }

  @Test
  void parse_originWithPath_isRefusedWithTheOrigin() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.parse("sites: [{key: acme, allowedOrigins: ['https://acme.com/']}]", "x.yaml"));
    assertEquals("sites[0].allowedOrigins", e.field());
    assertTrue(e.getMessage().contains("https://acme.com/"));
  }

  @Test
  void parse_invalidYaml_saysWhere() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("sites: [\n  key: : :", "x.yaml"));
    assertTrue(e.getMessage().startsWith("config x.yaml: is not valid YAML at line"), e.getMessage());
  }

  @Test
  void siteDefaults_matchTheDocumentedOnes() {
    SiteConfig site = loader.parse("sites: [{key: acme}]", "x.yaml").site("acme").orElseThrow();
    assertEquals(IpPolicy.TRUNCATED, site.ip());
    assertTrue(site.botFilter());
    assertEquals(180, site.visitorTtlDays());
    assertEquals(500, site.timelineMax());
    assertFalse(site.allowsOrigin("https://evil.example"));
  }
}
