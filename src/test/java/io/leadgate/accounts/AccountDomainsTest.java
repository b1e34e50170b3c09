package io.leadgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.config.ConfigException;
import io.leadgate.forms.DomainLists;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountDomainsTest {
  static final DomainLists LISTS = DomainLists.shipped();
  final AccountDomains domains = new AccountDomains(LISTS, Map.of());

  @Test
  void subdomainAndDomain_underATwoLevelSuffix_areOneAccount() {
    assertEquals(Optional.of("acme.co.uk"), domains.ofEmail("ann@eu.acme.co.uk"));
    assertEquals(Optional.of("acme.co.uk"), domains.ofEmail("bob@acme.co.uk"));
  }

  @Test
  void domain_isLowerCased() {
    assertEquals(Optional.of("acme.com"), domains.ofEmail("Ann@Sales.ACME.com"));
  }

  @Test
  void internationalisedDomain_isKeyedByItsPunycode() {
    assertEquals(Optional.of("xn--bcher-kva.de"), domains.ofEmail("ann@shop.bücher.de"));
    assertEquals(Optional.of("xn--bcher-kva.de"), domains.ofEmail("bob@xn--bcher-kva.de"));
  }

  @Test
  void freeMail_makesNoAccount() {
    assertEquals(Optional.empty(), domains.ofEmail("ann@gmail.com"));
    assertEquals(Optional.empty(), domains.ofEmail("ann@yahoo.co.uk"));
  }

  @Test
  void disposableDomain_makesNoAccount() {
    assertEquals(Optional.empty(), domains.ofEmail("ann@mailinator.com"));
  }

  @Test
  void publicSuffixAlone_makesNoAccount() {
    assertEquals(Optional.empty(), AccountDomains.registrable("co.uk"));
    assertEquals(Optional.empty(), AccountDomains.registrable("localhost"));
  }

  @Test
  void privateSuffix_keepsTheCustomersOwnDomain() {
    assertEquals(Optional.of("acme.github.io"), AccountDomains.registrable("docs.acme.github.io"));
  }

  @Test
  void website_givesTheHostsAccount() {
    assertEquals(Optional.of("acme.com"), domains.ofDomain("https://www.acme.com/about?x=1"));
  }

  @Test
  void alias_leadsToTheCanonicalDomain() {
    AccountDomains aliased = new AccountDomains(LISTS,
        new AccountsConfig(Map.of("acme-corp.com", "acme.com")).aliases());
    assertEquals(Optional.of("acme.com"), aliased.ofEmail("ann@eu.acme-corp.com"));
  }

  @Test
  void aliasConfig_toAnotherAlias_isRefusedNamingTheField() {
    ConfigException e = assertThrows(ConfigException.class, () -> new AccountsConfig(Map.of("a-corp.com", "b.com",
        "b.com", "c.com")));
    assertTrue(e.getMessage().contains("aliases."), e.getMessage());
  }

  @Test
  void aliasConfig_notADomain_isRefused() {
    assertThrows(ConfigException.class, () -> new AccountsConfig(Map.of("not a domain", "acme.com")));
  }
}
