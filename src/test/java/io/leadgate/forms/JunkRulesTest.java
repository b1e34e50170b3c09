package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.identity.EmailAddress;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JunkRulesTest {
  static final JunkRules RULES = new JunkRules(new DomainLists(List.of("mailinator.com"), List.of("gmail.com")));
  static final JunkConfig B2B = new JunkConfig(true, List.of("RU", "North Korea"), List.of("student", "phd student"),
      List.of("rival.com"));

  static Optional<String> reason(String email, JsonObject fields) throws Exception {
    return RULES.reason(B2B, EmailAddress.parse(email), fields);
  }

  @Test
  void reason_businessAddress_none() throws Exception {
    assertEquals(Optional.empty(), reason("ann@acme.com", new JsonObject().put("role", "CTO")));
  }

  @Test
  void reason_freeMailOnB2bForm_junk() throws Exception {
    assertEquals(Optional.of("free email domain gmail.com"), reason("ann@gmail.com", new JsonObject()));
  }

  @Test
  void reason_freeMailWhereAllowed_none() throws Exception {
    assertEquals(Optional.empty(), RULES.reason(JunkConfig.defaults(), EmailAddress.parse("ann@gmail.com"), new JsonObject()));
  }

  @Test
  void reason_excludedCountry_junk() throws Exception {
    assertEquals(Optional.of("excluded country ru"), reason("ann@acme.com", new JsonObject().put("country", "ru")).map(String::toLowerCase));
  }

  @Test
  void reason_excludedRegion_junk() throws Exception {
    assertEquals(Optional.of("excluded region North Korea"), reason("ann@acme.com", new JsonObject().put("region", "North Korea")));
  }

  @Test
  void reason_roleKeyword_junk() throws Exception {
    assertEquals(Optional.of("role keyword student"), reason("ann@acme.com", new JsonObject().put("title", "Student (MSc)")));
  }

  @Test
  void reason_keywordInsideAnotherWord_none() throws Exception {
    assertEquals(Optional.empty(), reason("ann@acme.com", new JsonObject().put("role", "Studentship coordinator")));
  }

  @Test
  void reason_competitorSubdomain_junk() throws Exception {
    assertEquals(Optional.of("competitor domain rival.com"), reason("spy@eu.rival.com", new JsonObject()));
  }
}
