package io.leadgate;

import io.leadgate.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * {@code java -jar leadgate.jar [--config FILE] [--demo-data]}. Without a file (nor {@code LEADGATE_CONFIG}) it runs the
 * bundled demo on the in-memory store; {@code LEADGATE_REDIS_URL} puts it on Redis. Exit codes: 2 for a wrong
 * command line or configuration (every problem named, one line each), 1 when the gateway cannot start.
 * {@code java -jar leadgate.jar hash-password} prints the hash of a password read from standard input, for
 * {@code users[].passwordHash}.
 */
public final class Main {
  static {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
  }

  private static final Logger LOG = Logger.getLogger(Main.class.getName());
  static final String DEMO_DATA = "--demo-data";
  static final String USAGE = """
      usage: java -jar leadgate.jar [--config FILE] [--demo-data]
             java -jar leadgate.jar --help | --version
             printf %s "$PASSWORD" | java -jar leadgate.jar hash-password

      Runs the Leadgate gateway: collection, forms, scoring, webhooks and the API on one port. Without a
      configuration file it runs the bundled demo on the in-memory store (nothing survives a restart).

      options:
        --config FILE   the YAML configuration (README.md, "Configuration"; docs/*.md for each section)
        --demo-data     fill the store at start with a made-up month of visitors, leads and webhook deliveries
                        (the same as demo: {data: true}); on Redis only into a store without leads of the site
        --help          this text
        --version       the version of this build
        hash-password   print the BCrypt hash of the password on standard input (for users[].passwordHash;
                        from a terminal it asks twice, without echo)

      environment:
        LEADGATE_CONFIG     the configuration file when --config is not given
        LEADGATE_REDIS_URL  redis://[user:password@]host:port[/db]: run on Redis (overrides redis.url)
        LEADGATE_PORT       the port to listen on (overrides server.port)
        any other           where the configuration's values refer to it: ${NAME}, ${NAME:-default}

      exit codes:
        0  stopped (SIGTERM, Ctrl-C), or --help / --version
        1  could not start: the store is unreachable, the port is taken, ...
        2  the command line or the configuration is wrong: every problem is named, one line each
      """;

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(HashPassword.COMMAND)) {
      System.exit(HashPassword.run(args));
      return;
    }
    Map<String, String> env = System.getenv();
    GatewayConfig config;
    Path file;
    try {
      if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        System.out.print(USAGE);
        return;
      }
      if (args.length == 1 && args[0].equals("--version")) {
        System.out.println("leadgate " + version());
        return;
      }
      file = configFile(args, env);
      config = new ConfigLoader().load(file, env);
      if (List.of(args).contains(DEMO_DATA)) {
        config = config.withDemo(config.demo().withData());
      }
    } catch (ConfigException | IllegalArgumentException e) {
      refuse(e.getMessage());
      return;
    }
    Transport transport;
    try {
      transport = Transports.choose(config.server().transport());
    } catch (ConfigException e) {
      refuse(e.locate(file == null ? "(bundled demo)" : file.toString(), "").getMessage());
      return;
    }
    Vertx vertx = Vertx.builder().withTransport(transport).build();
    GatewayConfig running = config;
    Gateway.start(vertx, config, Clock.systemUTC(), file)
        .onSuccess(gateway -> {
          LOG.info("Leadgate " + version() + " listening on http://localhost:" + gateway.port() + "/ (sites: "
              + running.sites().stream().map(s -> s.key()).toList() + ")");
          LOG.info("store: " + gateway.stores().describe());
          LOG.info("network: " + Transports.describe(transport, running.server().transport()));
          if (!running.redis().enabled()) {
            LOG.warning("nothing survives a restart on the in-memory store; to keep data, run on Redis: "
                + "LEADGATE_REDIS_URL=redis://127.0.0.1:6379 java -jar target/leadgate.jar (or redis.url in --config FILE)");
          }
          Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.stop()
              .transform(v -> vertx.close()).await()));
        })
        .onFailure(e -> vertx.close().onComplete(v -> {
          if (e instanceof ConfigException problem) {
            // found while starting (a webhook host name that resolves to a refused address): still the file's fault
            refuse(problem.locate(file == null ? "(bundled demo)" : file.toString(), "").getMessage());
          } else {
            System.err.println("leadgate: could not start: " + e.getMessage());
            System.exit(1);
          }
        }));
  }

  /** Each problem on its own line, then exit 2. */
  private static void refuse(String problems) {
    problems.lines().forEach(line -> System.err.println("leadgate: " + line));
    System.exit(2);
  }

  /** This build's version, from the properties the Maven build writes; "unknown" outside a Maven build. */
  static String version() {
    try (InputStream in = Main.class.getClassLoader().getResourceAsStream("leadgate-build.properties")) {
      Properties build = new Properties();
      if (in != null) {
        build.load(in);
      }
      return build.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Path configFile(String[] args, Map<String, String> env) {
    Path given = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(DEMO_DATA)) {
        continue;
      }
      if (args[i].equals("--config")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--config needs a file name");
        }
        given = Path.of(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        given = Path.of(args[i].substring("--config=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]
            + " (usage: java -jar leadgate.jar [--config FILE] [--demo-data] | hash-password; --help for more)");
      }
    }
    if (given != null) {
      return given;
    }
    String fromEnv = env.get("LEADGATE_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }
}
