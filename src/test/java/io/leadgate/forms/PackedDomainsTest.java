package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PackedDomainsTest {
  final PackedDomains domains = PackedDomains.of(List.of("mail.com", "mailinator.com", "a.io", "zz.example"));

  @Test
  void aListedDomain_isContained() {
    assertTrue(domains.contains("mailinator.com"));
    assertTrue(domains.contains("a.io"));
    assertTrue(domains.contains("zz.example"));
  }

  @Test
  void aDomainThatOnlyStartsOrEndsLikeAListedOne_isNotContained() {
    assertFalse(domains.contains("gmail.com"));
    assertFalse(domains.contains("mail.co"));
    assertFalse(domains.contains("mail.com.evil"));
    assertFalse(domains.contains("mailinator.co"));
  }

  @Test
  void namesBeforeTheFirstAndAfterTheLast_areNotContained() {
    assertFalse(domains.contains("0.io"));
    assertFalse(domains.contains("zzz.example"));
    assertFalse(domains.contains(""));
  }

  @Test
  void listedNames_areStrippedAndLowerCased_blanksAndRepeatsDropped() {
    PackedDomains packed = PackedDomains.of(List.of(" Mail.COM ", "mail.com", "", "  "));
    assertEquals(1, packed.size());
    assertTrue(packed.contains("mail.com"));
  }

  @Test
  void anEmptyList_containsNothing() {
    assertFalse(PackedDomains.of(List.of()).contains("mail.com"));
  }

  @Test
  void namesBeyondAscii_areFoundByTheirOwnBytes() {
    PackedDomains packed = PackedDomains.of(List.of("bücher.example", "buch.example", "例え.jp"));
    assertTrue(packed.contains("bücher.example"));
    assertTrue(packed.contains("例え.jp"));
    assertFalse(packed.contains("bucher.example"));
  }

  @Test
  void everyDomainOfTheShippedLists_isFound() throws Exception {
    for (String list : List.of("lists/disposable-email-domains.json", "lists/free-email-domains.json")) {
      List<String> names;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(list)) {
        names = List.of(new ObjectMapper().readValue(in, String[].class));
      }
      PackedDomains packed = PackedDomains.of(names);
      for (String name : names) {
        assertTrue(packed.contains(name.strip().toLowerCase(Locale.ROOT)), list + ": " + name);
      }
    }
  }
}
