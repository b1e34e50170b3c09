package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadgate.config.ConfigException;
import org.junit.jupiter.api.Test;

class FormsConfigTest {
  static final String FORM = """
      sites: [{key: demo}]
      forms:
        - id: ebook
          site: demo
          kind: magnet
          fields:
            - {name: email, type: email, required: true}
      """;

  static String problem(String yaml) {
    return assertThrows(ConfigException.class, () -> new ConfigLoader().parse(yaml, "t.yaml")).getMessage();
  }

  @Test
  void parse_validForm_hasDefaults() {
    GatewayConfig config = new ConfigLoader().parse(FORM, "t.yaml");
    assertEquals("website", config.forms().get(0).spam().honeypot());
    assertEquals(3, config.forms().get(0).spam().minSeconds());
  }

  @Test
  void parse_pages_keptAsThePathsOfThePagesThatHoldTheForm() {
    GatewayConfig config = new ConfigLoader().parse(FORM.replace("kind: magnet", "kind: magnet\n    pages: [/, /ebook]"),
        "t.yaml");
    assertEquals(java.util.List.of("/", "/ebook"), config.forms().get(0).pages());
    assertEquals(java.util.List.of(), new ConfigLoader().parse(FORM, "t.yaml").forms().get(0).pages());
  }

  @Test
  void parse_pageNotAPath_refusedNamingPages() {
    assertEquals("config t.yaml: forms[0].pages: must be paths starting with / without query or fragment, such as "
        + "/ebook (was \"https://www.acme.com/ebook\")",
        problem(FORM.replace("kind: magnet", "kind: magnet\n    pages: [\"https://www.acme.com/ebook\"]")));
  }

  @Test
  void parse_unknownFieldType_namesTheField() {
    assertEquals("config t.yaml: forms[0].fields[1].type: must be one of email, text, tel, number, select, checkbox, "
        + "hidden (was \"date\")", problem(FORM + "      - {name: born, type: date}\n"));
  }

  @Test
  void parse_unknownSite_namesTheForm() {
    assertEquals("config t.yaml: forms[0].site: must be the key of a site (was \"shop\"; sites: [demo])",
        problem(FORM.replace("site: demo", "site: shop")));
  }

  @Test
  void parse_noEmailField_refused() {
    assertEquals("config t.yaml: forms[0].fields: must have exactly one field of type email, the lead's address (has 0)",
        problem(FORM.replace("type: email", "type: text")));
  }

  @Test
  void parse_consentWithoutText_refused() {
    assertEquals("config t.yaml: forms[0].fields[1].text: must be the exact consent text the page shows (a consent is "
        + "recorded with its text)", problem(FORM + "      - {name: ok, type: checkbox, consent: privacy}\n"));
  }

  @Test
  void parse_invalidPattern_refused() {
    assertEquals("config t.yaml: forms[0].fields[1].pattern: is not a valid regular expression: Illegal character "
        + "range (was \"[a-\")", problem(FORM + "      - {name: code, pattern: \"[a-\"}\n"));
  }

  @Test
  void parse_magnetFileWithoutAssets_refused() {
    assertEquals("config t.yaml: forms[0].magnet.file: needs the top-level assets folder to be set",
        problem(FORM + "    magnet: {file: paper.pdf}\n"));
  }

  @Test
  void parse_shortSecret_refused() {
    assertEquals("config t.yaml: secret: must be at least 32 characters (for example: openssl rand -hex 32)",
        problem(FORM + "secret: short\n"));
  }

  @Test
  void parse_bundledDemo_hasTheEbookForm() {
    GatewayConfig demo = new ConfigLoader().load(null, java.util.Map.of());
    assertEquals("ebook", demo.forms().get(0).id());
  }
}
