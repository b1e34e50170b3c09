package io.leadgate.identity;

import java.net.IDN;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * A syntactically valid email address, normalised: trimmed, the domain in lower-case ASCII (an internationalised
 * domain is stored in its punycode form, so {@code bücher.de} and {@code xn--bcher-kva.de} are one address).
 *
 * @param address what is stored and shown: the local part as typed, {@code @}, the normalised domain
 * @param domain  the normalised domain
 * @param key     what identifies the person: {@link #address} with the local part in lower case as well (every
 *                mainstream provider treats it case-insensitively, and one person typing {@code Ann@} and
 *                {@code ann@} must stay one lead)
 */
public record EmailAddress(String address, String domain, String key) {
  public static final int MAX_LENGTH = 254;
  public static final int MAX_LOCAL_LENGTH = 64;
  private static final EmailValidator SYNTAX = EmailValidator.getInstance(false, false);

  /** Why a text is not an acceptable address; the message is meant for the person who typed it. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static EmailAddress parse(String text) throws Invalid {
    if (text == null || text.isBlank()) {
      throw new Invalid("is required");
    }
    String trimmed = text.strip();
    if (trimmed.length() > MAX_LENGTH * 4) {
      throw new Invalid("must be at most " + MAX_LENGTH + " characters");
    }
    int at = trimmed.lastIndexOf('@');
    if (at < 1 || at == trimmed.length() - 1 || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new Invalid("must be a valid email address");
    }
    String local = trimmed.substring(0, at);
    String domain = trimmed.substring(at + 1);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    try {
      domain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new Invalid("must be a valid email address");
    }
    if (local.length() > MAX_LOCAL_LENGTH) {
      throw new Invalid("the part before the @ must be at most " + MAX_LOCAL_LENGTH + " characters");
    }
    String address = local + "@" + domain;
    if (address.length() > MAX_LENGTH) {
      throw new Invalid("must be at most " + MAX_LENGTH + " characters");
    }
    if (!SYNTAX.isValid(address)) {
      throw new Invalid("must be a valid email address");
    }
    return new EmailAddress(address, domain, local.toLowerCase(Locale.ROOT) + "@" + domain);
  }
}
