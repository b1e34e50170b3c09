package io.leadgate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadgate.config.ConfigException;
import io.leadgate.config.EnvironmentReferences;
import io.leadgate.core.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the YAML configuration (a file, or the bundled demo when none is given), puts the environment variables its
 * values refer to in them ({@code ${NAME}}: {@link EnvironmentReferences}) and applies the environment overrides. Runs once at start-up, before any event loop exists, so reading files here blocks nobody.
 */
public final class ConfigLoader {
  public static final String BUNDLED_DEMO = "leadgate-demo.yaml";

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /**
   * @param file the configuration file, or null for the bundled demo configuration
   * @param env  environment variables: those the file's values refer to, and the overrides ({@code
   *             LEADGATE_REDIS_URL}, {@code LEADGATE_PORT})
   * @throws ConfigException naming the file and the field when anything is wrong
   */
  public GatewayConfig load(Path file, Map<String, String> env) {
    GatewayConfig config = file == null ? readBundled() : readFile(file, env);
    return applyEnvironment(config, env);
  }

  /** The configuration in {@code yamlText}, with no environment to refer to. */
  public GatewayConfig parse(String yamlText, String source) {
    return parse(yamlText, source, Map.of());
  }

  public GatewayConfig parse(String yamlText, String source, Map<String, String> env) {
    JsonNode tree;
    try {
      tree = yaml.readTree(yamlText);
    } catch (JsonProcessingException e) {
      throw syntaxError(source, e);
    }
    if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
      try {
        tree = EnvironmentReferences.resolve(tree, env);
      } catch (ConfigException e) {
        throw e.locate(source, "");
      }
    }
    return bind(tree, source);
  }

  private GatewayConfig readFile(Path file, Map<String, String> env) {
    String source = file.toString();
    try {
      return parse(Files.readString(file), source, env);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "file not found").locate(source, "");
    } catch (IOException e) {
      throw new ConfigException("", "cannot be read: " + e.getMessage()).locate(source, "");
    }
  }

  private GatewayConfig readBundled() {
    return parse(new String(Resources.read(BUNDLED_DEMO), java.nio.charset.StandardCharsets.UTF_8), "(bundled demo)");
  }

  private GatewayConfig bind(JsonNode tree, String source) {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException("", "is empty").locate(source, "");
    }
    return new ConfigBinding(yaml, source).bind(tree);
  }

  private static ConfigException syntaxError(String source, JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    return new ConfigException("", "is not valid YAML" + where + ": " + ConfigBinding.firstLine(e.getOriginalMessage())).locate(source, "");
  }

  private static GatewayConfig applyEnvironment(GatewayConfig config, Map<String, String> env) {
    GatewayConfig result = config;
    String redisUrl = env.get("LEADGATE_REDIS_URL");
    if (redisUrl != null && !redisUrl.isBlank()) {
      try {
        result = result.withRedis(result.redis().withUrl(redisUrl.strip()));
      } catch (ConfigException e) {
        throw e.locate("environment LEADGATE_REDIS_URL", "redis");
      }
    }
    String port = env.get("LEADGATE_PORT");
    if (port != null && !port.isBlank()) {
      try {
        result = result.withServer(result.server().withPort(Integer.parseInt(port.strip())));
      } catch (NumberFormatException e) {
        throw new ConfigException("port", "must be a whole number (was \"" + port + "\")").locate("environment LEADGATE_PORT", "server");
      } catch (ConfigException e) {
        throw e.locate("environment LEADGATE_PORT", "server");
      }
    }
    return result;
  }
}
