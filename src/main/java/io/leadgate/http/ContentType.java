package io.leadgate.http;

import java.util.Locale;

/** Reads a {@code Content-Type} header value leniently: a garbled one has no media type rather than throwing. */
public final class ContentType {
  private ContentType() {
  }

  /** The media type, lower case, without parameters; null when the header is absent. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** A parameter's value ({@code charset}, {@code boundary}), unquoted; null when absent. */
  public static String parameter(String contentType, String name) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].strip().split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase(name)) {
        return pair[1].strip().replace("\"", "");
      }
    }
    return null;
  }
}
