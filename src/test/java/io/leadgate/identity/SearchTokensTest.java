package io.leadgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.identity.SearchTokens.ByDomain;
import io.leadgate.identity.SearchTokens.ByEmail;
import io.leadgate.identity.SearchTokens.ByPrefix;
import io.leadgate.identity.SearchTokens.Nothing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTokensTest {
  static Lead lead(JsonObject fields) {
    return new Lead("ld_aaaaaaaaaaaaaaaaaaaa", "acme", "ann@globex.com", Stage.LEAD, 1, 1, 1, fields, new JsonArray(),
        new JsonObject(), null);
  }

  @Test
  void words_nameAndCompany_eachWordAndEachWholeValueInLowerCase() {
    assertEquals(List.of("ann", "smith", "ann smith", "globex", "corp", "globex-corp"),
        SearchTokens.of(lead(new JsonObject().put("name", " Ann  Smith").put("company", "Globex-Corp"))));
  }

  @Test
  void words_otherFieldsAndNonText_notIndexed() {
    assertEquals(List.of(), SearchTokens.of(lead(new JsonObject().put("role", "CTO").put("name", 42))));
  }

  @Test
  void words_aHugeName_boundedInCountAndLength() {
    String name = "w".repeat(500) + " " + String.join(" ", java.util.Collections.nCopies(40, "x")).replace("x", "y1")
        + " z2 z3 z4 z5 z6 z7 z8 z9 z10 z11 z12 z13 z14";
    List<String> words = SearchTokens.of(lead(new JsonObject().put("name", name)));
    assertTrue(words.size() <= SearchTokens.MAX_WORDS, words.toString());
    assertTrue(words.stream().allMatch(w -> w.length() <= SearchTokens.MAX_LENGTH), words.toString());
  }

  @Test
  void query_anEmail_normalisedAsAtSubmit() {
    assertEquals(new ByEmail("bob@globex.com"), SearchTokens.query("  Bob@Globex.COM "));
  }

  @Test
  void query_anAtThatIsNoEmail_findsNothing() {
    assertEquals(new Nothing(), SearchTokens.query("bob@"));
  }

  @Test
  void query_aDomainWithOrWithoutAt_byDomain() {
    assertEquals(new ByDomain("globex.com"), SearchTokens.query("Globex.com"));
    assertEquals(new ByDomain("globex.com"), SearchTokens.query("@globex.com"));
    assertEquals(new ByDomain("xn--bcher-kva.de"), SearchTokens.query("bücher.de"));
  }

  @Test
  void query_anythingElse_aLowerCasePrefix() {
    assertEquals(new ByPrefix("ann sm"), SearchTokens.query("Ann   Sm"));
    assertEquals(new Nothing(), SearchTokens.query("   "));
  }
}
