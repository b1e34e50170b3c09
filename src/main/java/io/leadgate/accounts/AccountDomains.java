package io.leadgate.accounts;

import crawlercommons.domains.EffectiveTldFinder;
import io.leadgate.forms.DomainLists;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which account a domain belongs to: the domain in lower-case ASCII (punycode for an internationalised name), cut to
 * its registrable domain by the Public Suffix List ({@code eu.acme.co.uk} → {@code acme.co.uk}; crawler-commons'
 * {@link EffectiveTldFinder}, private suffixes such as {@code github.io} included), then any alias declared in the
 * configuration ({@code accounts.aliases}). Free-mail and disposable domains make no account: the maintained lists
 * the forms' junk rules use ({@link DomainLists}). Pure and immutable.
 */
public final class AccountDomains {
  /** Held so the level set on it stays: the finder logs six INFO lines about the list it read. */
  private static final java.util.logging.Logger PSL_LOG = java.util.logging.Logger.getLogger("crawlercommons");
  private final DomainLists lists;
  private final Map<String, String> aliases;

  /** @param aliases normalised alias → normalised canonical domain ({@link AccountsConfig#aliases}) */
  public AccountDomains(DomainLists lists, Map<String, String> aliases) {
    this.lists = lists;
    this.aliases = Map.copyOf(aliases);
  }

  /**
   * Reads the Public Suffix List (about 0.3 MB, a second or two on a busy machine) now, on the caller's thread:
   * start-up calls it before any event loop can ask, so no request waits for the list.
   */
  public static void loadPublicSuffixList() {
    PSL_LOG.setLevel(java.util.logging.Level.WARNING);
    EffectiveTldFinder.getInstance();
  }

  /** The account of an email address: empty for a free-mail or disposable domain, or no registrable domain. */
  public Optional<String> ofEmail(String email) {
    if (email == null) {
      return Optional.empty();
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? Optional.empty() : ofDomain(email.substring(at + 1));
  }

  /** The account of a domain name or a web address's host ({@code https://www.acme.com/x} → {@code acme.com}). */
  public Optional<String> ofDomain(String name) {
    return registrable(name).filter(domain -> !lists.isFreeMail(domain) && !lists.isDisposable(domain))
        .map(domain -> aliases.getOrDefault(domain, domain));
  }

  /**
   * The registrable domain of a name, without the lists or the aliases: lower case, punycode, the Public Suffix
   * List's registrable part; empty when the name is not a domain under a public suffix.
   */
  public static Optional<String> registrable(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String host = name.strip();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    for (char end : new char[] {'/', '?', '#', ':'}) {
      int cut = host.indexOf(end);
      if (cut >= 0) {
        host = host.substring(0, cut);
      }
    }
    int at = host.lastIndexOf('@');
    host = at >= 0 ? host.substring(at + 1) : host;
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.length() > 253) {
      return Optional.empty();
    }
    try {
      host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (host.indexOf('.') < 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(EffectiveTldFinder.getAssignedDomain(host, true, false))
        .filter(domain -> domain.indexOf('.') > 0)
        .map(domain -> domain.toLowerCase(Locale.ROOT));
  }
}
