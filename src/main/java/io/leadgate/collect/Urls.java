package io.leadgate.collect;

/** The parts of a URL that reports and rules go by: one rule for paths and assets, used by projection and scoring. */
public final class Urls {
  private Urls() {
  }

  /** The path without query or fragment ({@code /pricing}); {@code /} for a bare host; null for null. */
  public static String pathOf(String url) {
    if (url == null) {
      return null;
    }
    String rest = withoutQuery(url);
    int scheme = rest.indexOf("://");
    if (scheme < 0) {
      return rest.startsWith("/") ? rest : "/" + rest;
    }
    int slash = rest.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : rest.substring(slash);
  }

  /** The URL without its query string and fragment; null for null. */
  public static String withoutQuery(String url) {
    if (url == null) {
      return null;
    }
    int cut = url.length();
    int query = url.indexOf('?');
    int fragment = url.indexOf('#');
    if (query >= 0) {
      cut = query;
    }
    if (fragment >= 0 && fragment < cut) {
      cut = fragment;
    }
    return url.substring(0, cut);
  }
}
