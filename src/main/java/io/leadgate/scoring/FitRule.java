package io.leadgate.scoring;

import io.leadgate.config.Check;
import java.util.List;
import java.util.Locale;

/**
 * Points for who a lead is ({@code scoring.fit[]}), from its form fields or its email address. Fit points do not
 * decay; they are recomputed whenever a form changes the lead's fields.
 *
 * <p>Either a field test ({@code field} or {@code fields} with one of {@code keywords}, {@code values},
 * {@code range}; see {@link FieldMatch}) or an email test ({@code freeMail: true}: the address is at a free-mail
 * provider from the maintained list; {@code emailDomains}: at one of these domains or their subdomains).
 *
 * @param points what a match is worth, negative to count against the lead (-1000 to 1000, not 0)
 */
public record FitRule(String id, String field, List<String> fields, List<String> keywords, List<String> values,
                      SizeRange range, Boolean freeMail, List<String> emailDomains, Integer points) {

  public FitRule {
    id = RuleIds.check(id);
    fields = fields == null ? null : List.copyOf(fields);
    keywords = keywords == null ? null : List.copyOf(keywords);
    values = values == null ? null : List.copyOf(values);
    emailDomains = emailDomains == null ? null : emailDomains.stream()
        .map(d -> d == null ? "" : d.strip().toLowerCase(Locale.ROOT)).toList();
    boolean emailTest = Boolean.TRUE.equals(freeMail) || emailDomains != null;
    boolean fieldTest = field != null || fields != null || keywords != null || values != null || range != null;
    Check.that(emailTest || fieldTest, "field", "is required (or freeMail: true, or emailDomains)");
    Check.that(!(emailTest && fieldTest), "field", "a fit rule tests either form fields or the email, not both");
    Check.that(!(Boolean.TRUE.equals(freeMail) && emailDomains != null), "emailDomains",
        "freeMail and emailDomains exclude each other");
    if (emailDomains != null) {
      Check.that(!emailDomains.isEmpty(), "emailDomains", "must not be empty");
      for (int i = 0; i < emailDomains.size(); i++) {
        Check.that(emailDomains.get(i).matches("[a-z0-9.-]+\\.[a-z0-9-]+"), "emailDomains[" + i + "]",
            "must be a domain such as example.com (was \"" + emailDomains.get(i) + "\")");
      }
    }
    if (fieldTest) {
      FieldMatch.of(field, fields, keywords, values, range);
    }
    Check.that(points != null, "points", "is required");
    Check.range(points, -1000, 1000, "points");
    Check.that(points != 0, "points", "must not be 0");
  }

  FieldMatch fieldMatch() {
    return field == null && fields == null ? null : FieldMatch.of(field, fields, keywords, values, range);
  }
}
