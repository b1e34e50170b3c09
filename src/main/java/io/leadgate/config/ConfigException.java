package io.leadgate.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used. The message names the file and the field, so an operator can
 * fix it without reading code: {@code config site.yaml: sites[0].ip: must be one of none, truncated, full (was "hide")}.
 * When a file has several problems, one exception carries them all ({@link #problems()}), one line each.
 */
public final class ConfigException extends RuntimeException {
  private final String field;
  private final String problem;
  private final List<ConfigException> problems;

  public ConfigException(String field, String problem) {
    this(null, field, problem);
  }

  private ConfigException(String source, String field, String problem) {
    super((source == null ? "" : "config " + source + ": ") + (field.isEmpty() ? "" : field + ": ") + problem);
    this.field = field;
    this.problem = problem;
    this.problems = List.of(this);
  }

  private ConfigException(List<ConfigException> problems) {
    super(problems.stream().map(ConfigException::getMessage).collect(Collectors.joining("\n")));
    this.field = problems.get(0).field;
    this.problem = problems.get(0).problem;
    this.problems = List.copyOf(problems);
  }

  /** Several problems of one file at once; the first is the one {@link #field()} names. */
  public static ConfigException all(List<ConfigException> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("name at least one problem");
    }
    return problems.size() == 1 ? problems.get(0) : new ConfigException(problems);
  }

  /** The field, as a path from the top of the file ({@code sites[0].key}). */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without the file and field names. */
  public String problem() {
    return problem;
  }

  /** Every problem this exception reports, each with its own message; just this one when it is alone. */
  public List<ConfigException> problems() {
    return problems;
  }

  /** The same problem, its field put under {@code parent} and located in the file it came from. */
  public ConfigException locate(String source, String parent) {
    if (problems.size() > 1) {
      return new ConfigException(problems.stream().map(p -> p.locate(source, parent)).toList());
    }
    String full = parent.isEmpty() ? field : field.isEmpty() ? parent : parent + "." + field;
    return new ConfigException(source, full, problem);
  }
}
