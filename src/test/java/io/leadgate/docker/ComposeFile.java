package io.leadgate.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code docker/compose.yaml} as compose reads it with no variable set: each {@code ${NAME:-default}} its default. */
final class ComposeFile {
  static final Path PATH = Path.of("docker/compose.yaml");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");
  private final JsonNode root;

  private ComposeFile(JsonNode root) {
    this.root = root;
  }

  static ComposeFile read() {
    try {
      return new ComposeFile(new ObjectMapper(new YAMLFactory()).readTree(PATH.toFile()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + PATH, e);
    }
  }

  JsonNode service(String name) {
    return root.path("services").path(name);
  }

  /** The Redis users the server is started with ({@code --user RULES}), each as its ACL rules. */
  List<List<String>> redisUsers() {
    List<List<String>> users = new ArrayList<>();
    JsonNode command = service("redis").path("command");
    for (int i = 0; i < command.size() - 1; i++) {
      if (command.get(i).asText().equals("--user")) {
        users.add(List.of(interpolate(command.get(i + 1).asText()).split(" ")));
      }
    }
    return users;
  }

  /** The gateway's Redis URL with the compose host {@code redis:6379} replaced by {@code host:port}. */
  String gatewayRedisUrl(String hostAndPort) {
    return interpolate(service("gateway").path("environment").path("LEADGATE_REDIS_URL").asText())
        .replace("@redis:6379", "@" + hostAndPort);
  }

  List<String> images() {
    List<String> images = new ArrayList<>();
    root.path("services").forEach(service -> {
      if (service.has("image") && !service.has("build")) {
        images.add(service.get("image").asText());
      }
    });
    return images;
  }

  static String interpolate(String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
