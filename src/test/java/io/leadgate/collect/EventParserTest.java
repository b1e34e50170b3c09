package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.core.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventParser parser = new EventParser();

  static ObjectNode valid() {
    ObjectNode event = JSON.createObjectNode();
    event.put("site", "demo").put("visitor", "0123456789abcdef0123456789abcdef").put("id", "evt-00000001")
        .put("type", "pageview").put("url", "https://acme.com/pricing?plan=pro");
    return event;
  }

  @Test
  void parse_validPageview_keepsEveryField() throws Exception {
    JsonNode node = JSON.readTree("""
        {"site":"demo","visitor":"0123456789abcdef0123456789abcdef","session":"s1","id":"evt-00000001",
         "type":"pageview","url":"https://acme.com/","title":"Home","referrer":"https://google.com/",
         "utm":{"source":"news","medium":"email","unknown":"x"},"click":{"gclid":"abc"},"ts":1700000000000,
         "props":{"plan":"pro","seats":5,"trial":true}}""");
    Event event = parser.parse(node, "", 42);
    assertEquals(EventType.PAGEVIEW, event.type());
    assertEquals(Map.of("source", "news", "medium", "email"), event.utm());
    assertEquals(Map.of("gclid", "abc"), event.click());
    assertEquals(Map.of("plan", "pro", "seats", 5L, "trial", true), event.props());
    assertEquals(1700000000000L, event.clientTs());
    assertEquals(42, event.receivedAt());
  }

  @Test
  void parse_withoutId_getsAServerId() {
    ObjectNode node = valid();
    node.remove("id");
    assertNotNull(parser.parse(node, "", 0).id());
  }

  @Test
  void parse_referrerThatIsNotAWebUrl_isDroppedNotRefused() {
    ObjectNode node = valid().put("referrer", "android-app://com.google.android.gm");
    assertNull(parser.parse(node, "", 0).referrer());
  }

  @Test
  void parse_overlongTitle_isTruncated() {
    ObjectNode node = valid().put("title", "t".repeat(2000));
    assertEquals(EventParser.MAX_TITLE, parser.parse(node, "", 0).title().length());
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "site     | ''                        | site",
      "site     | 'a b'                     | site",
      "visitor  | 'short'                   | visitor",
      "visitor  | '../../etc/passwd'        | visitor",
      "id       | 'x'                       | id",
      "type     | 'form'                    | type",
      "type     | 'click'                   | type",
      "url      | 'javascript:alert(1)'     | url",
      "url      | '/relative'               | url",
      "page     | 'ftp://acme.com/'         | page",
  })
  void parse_badField_isNamedInThe400(String field, String value, String named) {
    ObjectNode node = valid().put(field, value);
    InvalidInput e = assertThrows(InvalidInput.class, () -> parser.parse(node, "[3].", 0));
    assertEquals("[3]." + named, e.field());
  }

  @Test
  void parse_customWithoutName_isRefused() {
    InvalidInput e = assertThrows(InvalidInput.class, () -> parser.parse(valid().put("type", "custom"), "", 0));
    assertEquals("name", e.field());
  }

  @Test
  void parse_tooManyProps_isRefused() {
    ObjectNode node = valid();
    ObjectNode props = node.putObject("props");
    for (int i = 0; i <= EventParser.MAX_PROPS; i++) {
      props.put("p" + i, i);
    }
    assertEquals("props", assertThrows(InvalidInput.class, () -> parser.parse(node, "", 0)).field());
  }

  @Test
  void parse_nestedProp_isRefused() {
    ObjectNode node = valid();
    node.putObject("props").putObject("deep").put("a", 1);
    assertEquals("props.deep", assertThrows(InvalidInput.class, () -> parser.parse(node, "", 0)).field());
  }

  @Test
  void parse_overlongUrl_isRefused() {
    ObjectNode node = valid().put("url", "https://acme.com/" + "a".repeat(EventParser.MAX_URL));
    assertEquals("url", assertThrows(InvalidInput.class, () -> parser.parse(node, "", 0)).field());
  }

  @Test
  void parse_negativeTimestamp_isRefused() {
    assertEquals("ts", assertThrows(InvalidInput.class, () -> parser.parse(valid().put("ts", -5), "", 0)).field());
  }

  @Test
  void parse_noNode_isRefusedAsNotAnEvent() {
    assertEquals("invalid_event", assertThrows(InvalidInput.class, () -> parser.parse((JsonNode) null, "", 0)).code());
  }

  @Test
  void parse_nonObject_isRefused() {
    assertEquals("invalid_event", assertThrows(InvalidInput.class,
        () -> parser.parse(JSON.getNodeFactory().numberNode(1), "", 0)).code());
  }
}
