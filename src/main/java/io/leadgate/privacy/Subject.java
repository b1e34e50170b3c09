package io.leadgate.privacy;

import io.leadgate.core.InvalidInput;
import io.leadgate.identity.EmailAddress;
import java.util.List;

/**
 * Whom a privacy request is about: an email (its leads on the sites asked about) or a visitor id of one site.
 *
 * @param email   the normalised email, or null
 * @param visitor the visitor id, or null
 * @param sites   the sites to look on: the one named, else every site (an email), the only site (a visitor)
 */
public record Subject(EmailAddress email, String visitor, List<String> sites) {

  /** From the request's {@code email} or {@code visitor} (exactly one) and {@code site}. */
  public static Subject of(String email, String visitor, String site, List<String> configured) {
    boolean hasEmail = email != null && !email.isBlank();
    boolean hasVisitor = visitor != null && !visitor.isBlank();
    if (hasEmail == hasVisitor) {
      throw new InvalidInput("subject_required", hasEmail ? "visitor" : "email",
          "name the person by email or by visitor id (one of the two)");
    }
    List<String> sites;
    if (site != null && !site.isBlank()) {
      if (!configured.contains(site)) {
        throw InvalidInput.field("site", "is not a configured site (sites: " + configured + ")");
      }
      sites = List.of(site);
    } else if (hasVisitor && configured.size() > 1) {
      throw new InvalidInput("site_required", "site", "name the visitor's site (sites: " + configured + ")");
    } else {
      sites = List.copyOf(configured);
    }
    if (hasVisitor) {
      if (visitor.length() > 128) {
        throw InvalidInput.field("visitor", "must be at most 128 characters");
      }
      return new Subject(null, visitor.strip(), sites);
    }
    try {
      return new Subject(EmailAddress.parse(email), null, sites);
    } catch (EmailAddress.Invalid e) {
      throw InvalidInput.field("email", "is not an email address");
    }
  }
}
