package io.leadgate.identity;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a lead is found by, and what a search text asks for, in plain Java so both stores index the same words.
 *
 * <p>A lead's words: each word of its name and company fields, and each whole value of more than one word, in lower
 * case; at most {@value #MAX_WORDS} of at most {@value #MAX_LENGTH} characters, so a lead's share of the index is
 * bounded whatever a form lets people type.
 */
public final class SearchTokens {
  /** The form fields a lead is found by, besides its email. */
  public static final List<String> FIELDS = List.of("name", "first_name", "last_name", "company");
  public static final int MAX_WORDS = 12;
  public static final int MAX_LENGTH = 64;
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern DOMAIN = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

  private SearchTokens() {
  }

  /** What a search text is: an email address, an email domain, or the start of a name or company word. */
  public sealed interface Query {
  }

  /** @param key the normalised email ({@link EmailAddress#key}) */
  public record ByEmail(String key) implements Query {
  }

  public record ByDomain(String domain) implements Query {
  }

  public record ByPrefix(String prefix) implements Query {
  }

  /** Matches nothing (a text with an {@code @} that is no email address, or nothing to look for). */
  public record Nothing() implements Query {
  }

  /** The words the lead is indexed under. */
  public static List<String> of(Lead lead) {
    Set<String> words = new LinkedHashSet<>();
    for (String field : FIELDS) {
      Object value = lead.fields().getValue(field);
      if (value instanceof String text) {
        String whole = normalise(text);
        List<String> parts = new ArrayList<>();
        for (String part : SPLIT.split(whole)) {
          if (!part.isEmpty()) {
            parts.add(part);
          }
        }
        words.addAll(parts);
        if (parts.size() > 1) {
          words.add(whole);
        }
      }
    }
    return words.stream().filter(w -> !w.isEmpty()).map(SearchTokens::bounded).distinct().limit(MAX_WORDS).toList();
  }

  /**
   * Reads a search text: with an {@code @} inside, an email address (normalised as a form submission is); starting
   * with {@code @}, or shaped like a domain name ({@code globex.com}), an email domain; anything else, the start of
   * a word of a name or company (case-insensitive; several words match the start of a whole value).
   */
  public static Query query(String q) {
    String text = q == null ? "" : q.strip();
    if (text.isEmpty()) {
      return new Nothing();
    }
    int at = text.lastIndexOf('@');
    if (at > 0) {
      try {
        return new ByEmail(EmailAddress.parse(text).key());
      } catch (EmailAddress.Invalid e) {
        return new Nothing();
      }
    }
    String domain = at == 0 ? text.substring(1) : text;
    if (at == 0 || DOMAIN.matcher(text).matches()) {
      try {
        String ascii = IDN.toASCII(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain,
            IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        return ascii.isEmpty() ? new Nothing() : new ByDomain(ascii);
      } catch (IllegalArgumentException e) {
        return new Nothing();
      }
    }
    String prefix = bounded(normalise(text));
    return prefix.isEmpty() ? new Nothing() : new ByPrefix(prefix);
  }

  private static String normalise(String text) {
    return SPACES.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll(" ").replace("\0", "");
  }

  private static String bounded(String word) {
    if (word.length() <= MAX_LENGTH) {
      return word;
    }
    // never half a surrogate pair: the index holds UTF-8
    return word.substring(0, Character.isHighSurrogate(word.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH);
  }

  /** The domain of a normalised email key. */
  public static Optional<String> domainOf(String email) {
    int at = email == null ? -1 : email.lastIndexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(email.substring(at + 1).toLowerCase(Locale.ROOT));
  }
}
