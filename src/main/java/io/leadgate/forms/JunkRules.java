package io.leadgate.forms;

import io.leadgate.identity.EmailAddress;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a real person's submission is junk for a form: a competitor, a free-mail address on a B2B form,
 * an excluded country or region, a role with no buying intent. The first rule that matches gives the reason.
 */
public final class JunkRules {
  static final List<String> ROLE_FIELDS = List.of("role", "title", "job_title", "jobtitle", "job-title");
  static final List<String> REGION_FIELDS = List.of("country", "region");
  private final DomainLists lists;

  public JunkRules(DomainLists lists) {
    this.lists = lists;
  }

  /** The reason the submission is junk, in words marketing reads on the lead; empty when it is not. */
  public Optional<String> reason(JunkConfig rules, EmailAddress email, JsonObject fields) {
    String domain = email.domain();
    for (String competitor : rules.competitors()) {
      if (domain.equals(competitor) || domain.endsWith("." + competitor)) {
        return Optional.of("competitor domain " + competitor);
      }
    }
    if (rules.freeMail() && lists.isFreeMail(domain)) {
      return Optional.of("free email domain " + domain);
    }
    for (String name : REGION_FIELDS) {
      String value = text(fields, name);
      if (value != null && rules.countries().contains(value)) {
        return Optional.of("excluded " + name + " " + fields.getValue(name));
      }
    }
    for (String name : ROLE_FIELDS) {
      String value = text(fields, name);
      if (value == null) {
        continue;
      }
      for (String keyword : rules.roles()) {
        if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])").matcher(value).find()) {
          return Optional.of("role keyword " + keyword);
        }
      }
    }
    return Optional.empty();
  }

  private static String text(JsonObject fields, String name) {
    Object value = fields.getValue(name);
    return value instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : null;
  }
}
