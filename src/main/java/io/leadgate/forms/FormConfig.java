package io.leadgate.forms;

import io.leadgate.config.Check;
import java.util.List;
import java.util.Optional;

/**
 * One lead-magnet form, as configured under {@code forms:}.
 *
 * @param id        the form id in {@code /f/{id}} and in the page's {@code data-leadgate-form}
 * @param site      the site key the form belongs to (its allowed origins and IP policy apply)
 * @param kind      newsletter (makes a subscriber), magnet, webinar, demo or contact (make a lead)
 * @param fields    the fields; exactly one of type email, which must be required (it identifies the lead)
 * @param magnet    what the form gives, or null
 * @param thankYou  where a plain HTML post (no JavaScript) is sent after a successful submit; also the
 *                  {@code redirect} of the JSON answer
 * @param message   the success message
 * @param secret    signs this form's tokens instead of the top-level secret (at least 32 characters)
 * @param pages     the paths of the pages that hold the form ({@code /ebook}), whose page views the forms report
 *                  sets against the submissions; empty: not known (the report shows no views)
 */
public record FormConfig(String id, String site, FormKind kind, List<FieldConfig> fields, MagnetConfig magnet,
                         String thankYou, String message, String secret, SpamConfig spam, RateLimitConfig rateLimit,
                         JunkConfig junk, List<String> pages) {
  /** Pages one form may name: a form is on a few pages, not on every page of a site. */
  public static final int PAGES_MAX = 20;

  public FormConfig {
    id = Check.required(id, "id");
    Check.that(id.matches("[A-Za-z0-9_-]{1,64}"), "id",
        "must be 1 to 64 letters, digits, '-' or '_' (was \"" + id + "\")");
    site = Check.required(site, "site");
    Check.that(kind != null, "kind", "is required (newsletter, magnet, webinar, demo or contact)");
    fields = fields == null ? List.of() : List.copyOf(fields);
    spam = spam == null ? SpamConfig.defaults() : spam;
    rateLimit = rateLimit == null ? RateLimitConfig.defaults() : rateLimit;
    junk = junk == null ? JunkConfig.defaults() : junk;
    Check.unique(fields.stream().map(FieldConfig::name).toList(), "fields[].name");
    long emails = fields.stream().filter(f -> f.type() == FieldType.EMAIL).count();
    Check.that(emails == 1, "fields", "must have exactly one field of type email, the lead's address (has " + emails + ")");
    FieldConfig email = fields.stream().filter(f -> f.type() == FieldType.EMAIL).findFirst().orElseThrow();
    Check.that(email.required(), "fields", "the email field " + email.name() + " must be required");
    String honeypot = spam.honeypot();
    Check.that(fields.stream().noneMatch(f -> f.name().equals(honeypot)), "spam.honeypot",
        "must not be the name of a real field (was \"" + honeypot + "\")");
    Check.that(thankYou == null || thankYou.matches("https?://[^\\s/]+[^\\s]*"), "thankYou",
        "must be an absolute http(s) URL (was \"" + thankYou + "\")");
    message = message == null || message.isBlank() ? defaultMessage(kind, magnet) : message.strip();
    Check.that(secret == null || secret.length() >= 32, "secret", "must be at least 32 characters");
    pages = pages == null ? List.of() : List.copyOf(pages);
    Check.that(pages.size() <= PAGES_MAX, "pages", "must name at most " + PAGES_MAX + " pages (has " + pages.size()
        + ")");
    for (String page : pages) {
      Check.that(page != null && page.matches("/[^\\s?#]*"), "pages",
          "must be paths starting with / without query or fragment, such as /ebook (was \"" + page + "\")");
    }
  }

  public FieldConfig emailField() {
    return fields.stream().filter(f -> f.type() == FieldType.EMAIL).findFirst().orElseThrow();
  }

  public Optional<FieldConfig> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static String defaultMessage(FormKind kind, MagnetConfig magnet) {
    if (magnet != null) {
      return "Thank you! Your download is ready.";
    }
    return kind == FormKind.NEWSLETTER ? "Thank you for subscribing!" : "Thank you! We will be in touch.";
  }
}
