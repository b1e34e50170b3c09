package io.leadgate.scoring;

import io.leadgate.config.ConfigException;
import io.leadgate.core.Conflict;
import io.leadgate.core.FieldError;
import io.leadgate.core.Unprocessable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Reloads the scoring rules from the configuration file without a restart: on request ({@code POST
 * /api/scoring/reload}) and when the file's modification time or size changes (checked every
 * {@code scoring.watchSeconds}). Only {@code scoring:} is taken from the new file; the whole file must still be valid.
 * A bad file is refused with the error and the rules in force stay. The file is read through
 * {@code vertx.fileSystem()} and parsed on a worker thread, never on an event loop.
 *
 * <p>Each instance reloads its own rules: on several instances, the watcher (or one request per instance) applies
 * the change everywhere.
 */
public final class ScoringReloader {
  private static final Logger LOG = Logger.getLogger(ScoringReloader.class.getName());
  private final Vertx vertx;
  private final Path file;
  private final ScoringRules rules;
  private final Parser parser;
  private volatile String lastSeen;

  /**
   * Reads the scoring section out of the whole configuration file's text. The composition root owns the file's
   * format, so it hands the reloader this function instead of the reloader knowing every feature's section.
   */
  @FunctionalInterface
  public interface Parser {
    /** @throws ConfigException naming the file and the field when the file is not valid as a whole */
    ScoringConfig scoring(String text, String source);
  }

  /**
   * @param file   the configuration file the gateway started from; null when it runs the bundled demo
   * @param parser reads the file's text (the whole file must be valid) and returns its {@code scoring:} section
   */
  public ScoringReloader(Vertx vertx, Path file, ScoringRules rules, Parser parser) {
    this.vertx = vertx;
    this.file = file;
    this.rules = rules;
    this.parser = parser;
  }

  /**
   * Reads the file again and puts its scoring in force.
   *
   * @return the policy now in force; fails with {@link Conflict} when there is no file, with {@link Unprocessable} naming
   *     the field when the file is not valid (the old rules stay)
   */
  public Future<ScoringPolicy> reload() {
    if (file == null) {
      return Future.failedFuture(new Conflict("no_config_file",
          "the gateway runs the bundled demo configuration; start it with --config FILE to reload rules"));
    }
    return vertx.fileSystem().props(file.toString())
        .compose(props -> {
          lastSeen = stamp(props);
          return vertx.fileSystem().readFile(file.toString());
        })
        .recover(e -> Future.failedFuture(new Unprocessable("invalid_config", null,
            "config " + file + ": cannot be read: " + e.getMessage())))
        .compose(text -> vertx.executeBlocking(() -> parse(text.toString())))
        .map(scoring -> {
          try {
            ScoringPolicy policy = rules.replace(scoring);
            LOG.info("scoring rules reloaded from " + file + " (version " + policy.version() + ")");
            return policy;
          } catch (ConfigException e) {
            throw invalid(e.locate(file.toString(), ""));
          }
        });
  }

  private ScoringConfig parse(String text) {
    try {
      return parser.scoring(text, file.toString());
    } catch (ConfigException e) {
      throw invalid(e);
    }
  }

  /** One problem as the error's field and message; several (a file is checked whole) each in the error's fields. */
  private static Unprocessable invalid(ConfigException e) {
    if (e.problems().size() == 1) {
      return new Unprocessable("invalid_config", e.field().isEmpty() ? null : e.field(), e.getMessage());
    }
    return Unprocessable.of("invalid_config", e.problems().size() + " problems in the configuration",
        e.problems().stream().map(p -> new FieldError(p.field(), "invalid", p.getMessage())).toList());
  }

  /**
   * Checks the file every {@code everyMs} and reloads it when it changed; a bad change is logged and the rules in
   * force stay. Returns the timer id.
   */
  public long watch(long everyMs) {
    if (file == null) {
      return -1;
    }
    vertx.fileSystem().props(file.toString()).onSuccess(props -> lastSeen = stamp(props));
    return vertx.setPeriodic(everyMs, t -> vertx.fileSystem().props(file.toString()).onSuccess(props -> {
      String stamp = stamp(props);
      if (lastSeen != null && !stamp.equals(lastSeen)) {
        reload().onFailure(e -> LOG.warning("scoring rules not reloaded, the rules in force stay: " + e.getMessage()));
      }
      lastSeen = stamp;
    }));
  }

  private static String stamp(FileProps props) {
    return props.lastModifiedTime() + "/" + props.size();
  }
}
