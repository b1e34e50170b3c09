package io.leadgate.demo;

/**
 * The {@code demo:} section: a month of made-up traffic and leads, so that a first look at the console is not empty.
 *
 * @param data        fill the store at start with the demo month ({@code --demo-data} sets it)
 * @param nonEmpty    fill it even when the store already holds data for the site (on Redis the demo data stays)
 */
public record DemoConfig(Boolean data, Boolean nonEmpty) {
  public DemoConfig {
    data = data != null && data;
    nonEmpty = nonEmpty != null && nonEmpty;
  }

  public static DemoConfig defaults() {
    return new DemoConfig(false, false);
  }

  public DemoConfig withData() {
    return new DemoConfig(true, nonEmpty);
  }
}
