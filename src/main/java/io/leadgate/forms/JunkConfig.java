package io.leadgate.forms;

import io.leadgate.config.Check;
import java.util.List;
import java.util.Locale;

/**
 * What makes a real submission junk for this form: kept as a lead with stage {@code disqualified} and its reason,
 * visible to marketing, never sent to sales as qualified.
 *
 * @param freeMail    addresses of free-mail providers (gmail.com, ...) are junk: for B2B sites
 * @param countries   excluded countries or regions, matched (case-insensitively) against the {@code country} and
 *                    {@code region} fields
 * @param roles       keywords (whole words, case-insensitive) in the {@code role}, {@code title} or {@code job_title}
 *                    fields that make a submission junk ({@code student}, {@code intern})
 * @param competitors email domains of competitors (their subdomains too)
 */
public record JunkConfig(Boolean freeMail, List<String> countries, List<String> roles, List<String> competitors) {
  public JunkConfig {
    freeMail = freeMail != null && freeMail;
    countries = lower(countries);
    roles = lower(roles);
    competitors = lower(competitors);
    for (String domain : competitors) {
      Check.that(domain.matches("[a-z0-9.-]+\\.[a-z0-9-]+"), "competitors",
          "must be domain names such as rival.com (was \"" + domain + "\")");
    }
    for (String role : roles) {
      Check.that(!role.isBlank(), "roles", "must not hold an empty keyword");
    }
  }

  public static JunkConfig defaults() {
    return new JunkConfig(null, null, null, null);
  }

  private static List<String> lower(List<String> values) {
    return values == null ? List.of() : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
  }
}
