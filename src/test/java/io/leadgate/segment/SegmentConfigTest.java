package io.leadgate.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.config.ConfigException;
import org.junit.jupiter.api.Test;

/** {@code sites[].writeKeys} and the {@code segment:} section, as the configuration file states them. */
class SegmentConfigTest {
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void writeKeys_areReadAsNamesAndHashes() {
    GatewayConfig config = loader.parse("""
        sites:
          - key: acme
            writeKeys: [{name: backend, sha256: %s}]
        """.formatted(ApiKeyAuth.hash("k-0123456789").toUpperCase()), "x.yaml");
    assertEquals("backend", config.sites().get(0).writeKeys().get(0).name());
    assertEquals(ApiKeyAuth.hash("k-0123456789"), config.sites().get(0).writeKeys().get(0).sha256());
    assertEquals(SegmentConfig.DOWNLOAD_EVENTS, config.segment().downloadEvents());
  }

  @Test
  void writeKey_notAHash_isNamedWithItsPlace() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        sites:
          - key: acme
            writeKeys: [{name: backend, sha256: the-key-itself}]
        """, "x.yaml"));
    assertEquals("sites[0].writeKeys[0].sha256", e.field());
    assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
  }

  @Test
  void sameWriteKeyOnTwoSites_isRefused() {
    String hash = ApiKeyAuth.hash("shared-key-0123");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        sites:
          - {key: acme, writeKeys: [{name: a, sha256: %s}]}
          - {key: beta, writeKeys: [{name: b, sha256: %s}]}
        """.formatted(hash, hash), "x.yaml"));
    assertEquals("sites[].writeKeys[].sha256", e.field());
  }

  @Test
  void downloadEvents_emptyName_isRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
        sites: [{key: acme}]
        segment: {downloadEvents: ["Download", " "]}
        """, "x.yaml"));
    assertEquals("segment.downloadEvents", e.field());
  }
}
