package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.config.ConfigException;
import io.leadgate.config.RedisConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code redis} section: the three modes, their servers, and the messages that name what is wrong. */
class RedisConfigLoadTest {
  private final ConfigLoader loader = new ConfigLoader();

  private RedisConfig redis(String section) {
    return loader.parse("sites: [{key: acme}]\nredis: " + section, "test.yaml").redis();
  }

  private ConfigException refused(String section) {
    return assertThrows(ConfigException.class, () -> redis(section));
  }

  @Test
  void mode_omitted_isStandaloneOnTheUrl() {
    RedisConfig config = redis("{url: \"redis://127.0.0.1:6379\"}");
    assertEquals("standalone", config.mode());
    assertEquals(List.of("redis://127.0.0.1:6379"), config.endpoints());
  }

  @Test
  void cluster_withSeeds_listsThemAsEndpoints() {
    RedisConfig config = redis("{mode: cluster, nodes: [\"redis://10.0.0.1:7000\", \"redis://10.0.0.2:7000\"]}");
    assertTrue(config.isCluster() && config.enabled());
    assertEquals(List.of("redis://10.0.0.1:7000", "redis://10.0.0.2:7000"), config.endpoints());
  }

  @Test
  void sentinel_withNodesAndMasterName_isAccepted() {
    RedisConfig config = redis("{mode: sentinel, nodes: [\"redis://10.0.0.1:26379\"], masterName: leadgate}");
    assertTrue(config.isSentinel());
    assertEquals("Redis master \"leadgate\" through sentinels redis://10.0.0.1:26379", config.describe());
  }

  @Test
  void mode_unknown_isNamedWithTheChoices() {
    String message = refused("{mode: clustre, nodes: [\"redis://10.0.0.1:7000\"]}").getMessage();
    assertTrue(message.startsWith(
        "config test.yaml: redis.mode: must be one of standalone, cluster, sentinel (was \"clustre\")"), message);
  }

  @Test
  void cluster_withoutNodes_namesNodes() {
    ConfigException e = refused("{mode: cluster}");
    assertEquals("redis.nodes", e.field());
    assertTrue(e.getMessage().contains("is required in mode cluster"), e.getMessage());
  }

  @Test
  void cluster_withABadNode_namesItsIndex() {
    ConfigException e = refused("{mode: cluster, nodes: [\"redis://10.0.0.1:7000\", \"10.0.0.2:7000\"]}");
    assertEquals("redis.nodes[1]", e.field());
    assertTrue(e.getMessage().endsWith("must look like redis://host:port (was \"10.0.0.2:7000\")"), e.getMessage());
  }

  @Test
  void cluster_withAUrl_pointsToNodes() {
    ConfigException e = refused("{mode: cluster, url: \"redis://a:1\", nodes: [\"redis://10.0.0.1:7000\"]}");
    assertEquals("redis.url", e.field());
  }

  @Test
  void sentinel_withoutMasterName_namesMasterName() {
    assertEquals("redis.masterName", refused("{mode: sentinel, nodes: [\"redis://10.0.0.1:26379\"]}").field());
  }

  @Test
  void standalone_withNodes_pointsToUrl() {
    assertEquals("redis.nodes", refused("{nodes: [\"redis://10.0.0.1:7000\"]}").field());
  }

  @Test
  void user_withoutPassword_namesPassword() {
    assertEquals("redis.password", refused("{url: \"redis://a:1\", user: app}").field());
  }

  @Test
  void redisUrlFromEnvironment_inClusterMode_isRefusedWithTheVariablesName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, "sites: [{key: acme}]\nredis: {mode: cluster, nodes: [\"redis://10.0.0.1:7000\"]}\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load(file, Map.of("LEADGATE_REDIS_URL", "redis://127.0.0.1:6379")));
    assertTrue(e.getMessage().startsWith("config environment LEADGATE_REDIS_URL: redis.url: is for mode standalone"),
        e.getMessage());
  }

  @Test
  void dockerClusterExample_isValid() {
    RedisConfig config = loader.load(Path.of("docker/leadgate-cluster.yaml"), Map.of()).redis();
    assertTrue(config.isCluster());
    assertEquals(3, config.nodes().size());
  }

  @Test
  void describe_masksThePasswordInAUrl() {
    assertEquals("Redis at redis://***@10.0.0.1:6379", redis("{url: \"redis://app:secret@10.0.0.1:6379\"}").describe());
  }
}
