package io.leadgate;

import io.leadgate.config.ConfigException;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code java -jar leadgate.jar [--config FILE]}. Without a file (nor {@code LEADGATE_CONFIG}) it runs the
 * bundled demo on the in-memory store; {@code LEADGATE_REDIS_URL} puts it on Redis.
 */
public final class Main {
  static {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
  }

  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    GatewayConfig config;
    Path file;
    try {
      file = configFile(args, env);
      config = new ConfigLoader().load(file, env);
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("leadgate: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    GatewayConfig running = config;
    Gateway.start(vertx, config, Clock.systemUTC(), file)
        .onSuccess(gateway -> {
          LOG.info("Leadgate listening on http://localhost:" + gateway.port() + "/ (sites: "
              + running.sites().stream().map(s -> s.key()).toList() + ")");
          LOG.info("store: " + gateway.stores().describe());
          if (!running.redis().enabled()) {
            LOG.warning("nothing survives a restart on the in-memory store; to keep data, run on Redis: "
                + "LEADGATE_REDIS_URL=redis://127.0.0.1:6379 java -jar target/leadgate.jar (or redis.url in --config FILE)");
          }
          Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.stop()
              .transform(v -> vertx.close()).await()));
        })
        .onFailure(e -> {
          System.err.println("leadgate: could not start: " + e.getMessage());
          vertx.close().onComplete(v -> System.exit(1));
        });
  }

  private static Path configFile(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--config needs a file name");
        }
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
      throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: java -jar leadgate.jar [--config FILE])");
    }
    String fromEnv = env.get("LEADGATE_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }
}
