package io.leadgate.core;

import java.util.List;

/** What the request names does not exist (a form, a lead, a site key, a webhook endpoint). */
public final class NotFound extends DomainException {
  public NotFound(String code, String message) {
    super(code, null, message, List.of(), null);
  }
}
