package io.leadgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void parse_surroundingSpaces_trimmed() throws Exception {
    assertEquals("ann@acme.com", EmailAddress.parse("  ann@acme.com \t").address());
  }

  @Test
  void parse_upperCaseDomain_lowerCased() throws Exception {
    assertEquals("Ann@acme.com", EmailAddress.parse("Ann@ACME.Com").address());
  }

  @Test
  void parse_mixedCaseLocalPart_keyIsLowerCase() throws Exception {
    assertEquals("ann@acme.com", EmailAddress.parse("Ann@ACME.Com").key());
  }

  @Test
  void parse_internationalDomain_storedAsPunycode() throws Exception {
    EmailAddress email = EmailAddress.parse("jörg@bücher.de");
    assertEquals("xn--bcher-kva.de", email.domain());
    assertEquals(EmailAddress.parse("jörg@xn--bcher-kva.de").key(), email.key());
  }

  @Test
  void parse_noAt_invalid() {
    assertEquals("must be a valid email address",
        assertThrows(EmailAddress.Invalid.class, () -> EmailAddress.parse("ann.acme.com")).getMessage());
  }

  @Test
  void parse_lineBreak_invalid() {
    assertThrows(EmailAddress.Invalid.class, () -> EmailAddress.parse("ann@acme.com\r\nBcc: x@y.com"));
  }

  @Test
  void parse_localPartOver64_invalid() {
    assertEquals("the part before the @ must be at most 64 characters",
        assertThrows(EmailAddress.Invalid.class, () -> EmailAddress.parse("a".repeat(65) + "@acme.com")).getMessage());
  }

  @Test
  void parse_over254Characters_invalid() {
    String domain = ("d".repeat(60) + ".").repeat(5) + "com";
    assertEquals("must be at most 254 characters",
        assertThrows(EmailAddress.Invalid.class, () -> EmailAddress.parse("ann@" + domain)).getMessage());
  }

  @Test
  void parse_unknownTopLevelDomain_invalid() {
    assertThrows(EmailAddress.Invalid.class, () -> EmailAddress.parse("ann@acme.notatld"));
  }
}
