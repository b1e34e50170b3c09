package io.leadgate.core;

import java.util.List;

/** The body comes in a format (content type, charset) this route does not read. */
public final class UnsupportedFormat extends DomainException {
  public UnsupportedFormat(String message) {
    super("unsupported_media_type", null, message, List.of(), null);
  }
}
