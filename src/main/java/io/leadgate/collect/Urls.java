package io.leadgate.collect;

/** The parts of a URL that reports and rules go by: one rule for paths and assets, used by projection and scoring. */
public final class Urls {
  private Urls() {
  }

  /**
   * The length of a leading {@code http://} or {@code https://}, or -1 without one. The scheme's letters may be in
   * any ASCII case, as the patterns these checks replaced had it: {@code (?i)} without UNICODE_CASE, so {@code ſ}
   * is not an {@code s}.
   */
  static int webSchemeLength(String url) {
    return startsWithIgnoreAsciiCase(url, "https://") ? 8 : startsWithIgnoreAsciiCase(url, "http://") ? 7 : -1;
  }

  private static boolean startsWithIgnoreAsciiCase(String value, String lowerPrefix) {
    if (value.length() < lowerPrefix.length()) {
      return false;
    }
    for (int i = 0; i < lowerPrefix.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != lowerPrefix.charAt(i)) {
        return false;
      }
    }
    return true;
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
