package io.leadgate.config;

/**
 * A configuration that cannot be used. The message names the file and the field, so an operator can
 * fix it without reading code: {@code config site.yaml: sites[0].ip: must be one of none, truncated, full (was "hide")}.
 */
public final class ConfigException extends RuntimeException {
  private final String field;
  private final String problem;

  public ConfigException(String field, String problem) {
    this(null, field, problem);
  }

  private ConfigException(String source, String field, String problem) {
    super((source == null ? "" : "config " + source + ": ") + (field.isEmpty() ? "" : field + ": ") + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The field, as a path from the top of the file ({@code sites[0].key}). */
  public String field() {
    return field;
  }

  /** The same problem, its field put under {@code parent} and located in the file it came from. */
  public ConfigException locate(String source, String parent) {
    String full = parent.isEmpty() ? field : field.isEmpty() ? parent : parent + "." + field;
    return new ConfigException(source, full, problem);
  }
}
