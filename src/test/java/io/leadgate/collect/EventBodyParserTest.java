package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadgate.core.Event;
import io.leadgate.core.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body of {@code POST /e} read as a token stream answers as the tree it replaced did. */
class EventBodyParserTest {
  private static final String VALID = """
      {"site":"demo","visitor":"0123456789abcdef","id":"evt-00000001","type":"pageview","url":"https://acme.com/\"""";
  private final EventBodyParser parser = new EventBodyParser();

  private List<Event> parse(String body) {
    return batch(body).events();
  }

  private EventBatch batch(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), 42);
  }

  private InvalidInput refused(String body) {
    return assertThrows(InvalidInput.class, () -> parse(body));
  }

  private static String event(String extra) {
    return VALID + extra + "}";
  }

  @Test
  void parse_oneEvent_isOneEvent() {
    Event event = parse(event(",\"props\":{\"plan\":\"pro\",\"seats\":5,\"ratio\":0.5,\"trial\":false,\"gone\":null}"))
        .get(0);
    assertEquals("https://acme.com/", event.url());
    assertEquals(Map.of("plan", "pro", "seats", 5L, "ratio", 0.5, "trial", false), event.props());
    assertEquals(42, event.receivedAt());
  }

  @Test
  void parse_batch_keepsItsOrder() {
    List<Event> events = parse("[" + event(",\"title\":\"a\"") + "," + event(",\"title\":\"b\"") + "]");
    assertEquals(List.of("a", "b"), events.stream().map(Event::title).toList());
  }

  @Test
  void parse_duplicateKey_lastValueWins() {
    assertEquals("https://acme.com/two", parse(event(",\"url\":\"https://acme.com/two\"")).get(0).url());
  }

  @Test
  void parse_duplicatePropWithABadFirstValue_lastValueWins() {
    assertEquals(Map.of("a", 2L), parse(event(",\"props\":{\"a\":{\"deep\":1},\"a\":2}")).get(0).props());
  }

  @Test
  void parse_unknownFieldsOfAnyShape_areIgnored() {
    Event event = parse(event(",\"future\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"list\":[[]],\"utm\":{\"x\":[1]}"))
        .get(0);
    assertEquals(Map.of(), event.utm());
  }

  @Test
  void parse_twoBadFields_namesTheOneTheRulesCheckFirst() {
    String body = "{\"url\":\"nope\",\"type\":\"pageview\",\"visitor\":\"0123456789abcdef\",\"site\":\"a b\"}";
    assertEquals("site", refused(body).field());
  }

  @Test
  void parse_badEventBeforeInvalidJson_isInvalidJson() {
    assertEquals("invalid_json", refused("[{\"site\":\"a b\"}, {\"site\": ").code());
  }

  @Test
  void parse_batchOverTheLimitWithABadFirstEvent_isBatchTooLarge() {
    String batch = "[" + "1,".repeat(EventBodyParser.MAX_BATCH) + "1]";
    assertEquals("batch_too_large", refused(batch).code());
  }

  @Test
  void parse_unterminatedArray_isInvalidJson() {
    assertEquals("invalid_json", refused("[" + VALID + "}").code());
  }

  @ParameterizedTest(name = "body {index}")
  @ValueSource(strings = {"\"unterminated", "{\"site\":\"demo\",\"x\":\"\\q\"}", "tru", "{\"a\":1,}", "[1,2,]",
      "{\"props\":{\"n\":1e5x}}", "\u0001"})
  void parse_invalidJson_is400InvalidJson(String body) {
    InvalidInput e = refused(body);
    assertEquals("invalid_json", e.code());
  }

  /** The parser refuses a number over 1000 digits before it is ever converted. */
  @Test
  void parse_numberOverTheStreamLimit_isInvalidJson() {
    assertEquals("invalid_json", refused(event(",\"props\":{\"n\":1" + "0".repeat(1000) + "}")).code());
  }

  @Test
  void parse_propIntegerBeyondLong_isKeptAsADouble() {
    assertEquals(Map.of("n", 1e20), parse(event(",\"props\":{\"n\":100000000000000000000}")).get(0).props());
  }

  @Test
  void parse_propThatOverflowsADouble_isRefused() {
    InvalidInput e = refused(event(",\"props\":{\"n\":1e999}"));
    assertEquals("props.n", e.field());
    assertEquals("must be a finite number", e.getMessage());
  }

  @Test
  void parse_timestampWithAFraction_isRefused() {
    assertEquals("ts", refused(event(",\"ts\":1.5")).field());
  }

  @Test
  void parse_invalidUtf8_isInvalidJson() {
    byte[] body = event(",\"title\":\"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("invalid_json", assertThrows(InvalidInput.class, () -> parser.parse(body, 0)).code());
  }

  @Test
  void parse_whitespaceOnly_isNotAnEvent() {
    InvalidInput e = refused("  \n");
    assertEquals("invalid_event", e.code());
    assertNull(e.field());
  }

  @Test
  void parse_arrayInABatch_isRejectedByIndexAndTheOtherEventsKept() {
    EventBatch batch = batch("[" + VALID + "},[{}]]");
    assertEquals(1, batch.events().size());
    assertEquals(List.of(new EventBatch.Rejected(1, "invalid_event", "[1]", "an event must be a JSON object")),
        batch.rejected());
  }

  @Test
  void parse_batchWithOneBadUrl_keepsTheGoodEventsInOrder() {
    String second = VALID.replace("evt-00000001", "evt-00000002").replace("https://acme.com/", "ftp://x");
    String third = VALID.replace("evt-00000001", "evt-00000003");
    EventBatch batch = batch("[" + VALID + "}," + second + "}," + third + "}]");
    assertEquals(List.of("evt-00000001", "evt-00000003"), batch.events().stream().map(Event::id).toList());
    assertEquals(1, batch.rejected().size());
    assertEquals("[1].url", batch.rejected().get(0).field());
  }

  @Test
  void parse_batchWithNoValidEvent_isRefusedNamingTheFirstFault() {
    InvalidInput e = refused("[1,{\"site\":\"demo\"}]");
    assertEquals("invalid_event", e.code());
    assertEquals("[0]", e.field());
  }

  @Test
  void parse_emptyBatch_isRefused() {
    assertEquals("empty_batch", refused(" [ ] ").code());
  }

  /** readTree read the first value only, and so does the stream. */
  @Test
  void parse_contentAfterTheEvent_isNotRead() {
    assertEquals(1, parse(event("") + " trailing").size());
  }
}
