package io.leadgate.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping rules without HTTP or a store: ids, times and what is kept of a message. */
class MessageMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = Instant.parse("2026-05-01T12:00:10Z").toEpochMilli();
  private final MessageMapper mapper = new MessageMapper(SegmentConfig.defaults());

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private List<Event> map(MessageType type, String message) {
    return mapper.events("acme", type, json(message), "", null, -1, NOW);
  }

  @Test
  void sameMessageId_sameVisitor_sameEventId() {
    Event first = map(MessageType.TRACK, "{'userId':'42','event':'x','messageId':'m-1'}").get(0);
    Event again = map(MessageType.TRACK, "{'userId':'42','event':'x','messageId':'m-1'}").get(0);
    Event other = map(MessageType.TRACK, "{'userId':'42','event':'x','messageId':'m-2'}").get(0);
    assertEquals(first.id(), again.id());
    assertEquals(first.visitor(), again.visitor());
    assertNotEquals(first.id(), other.id());
  }

  @Test
  void anonymousIdShapedLikeAVisitorId_isThatVisitor_otherIdsAreHashed() {
    assertEquals("0123456789abcdef", map(MessageType.TRACK, "{'anonymousId':'0123456789abcdef','event':'x'}")
        .get(0).visitor());
    assertEquals(SegmentIds.anonymousVisitor("a b@c"), map(MessageType.TRACK, "{'anonymousId':'a b@c','event':'x'}")
        .get(0).visitor());
    assertEquals(SegmentIds.userVisitor("42"), map(MessageType.TRACK, "{'userId':42,'event':'x'}").get(0).visitor());
  }

  @Test
  void originalTimestamp_isMovedByTheSendersClockSkew() {
    // sent at 12:00:00 by the sender's clock, received at 12:00:10: its clock is 10 s behind
    Event event = map(MessageType.TRACK, "{'userId':'1','event':'x','originalTimestamp':'2026-05-01T11:59:58Z',"
        + "'sentAt':'2026-05-01T12:00:00Z'}").get(0);
    assertEquals(Instant.parse("2026-05-01T12:00:08Z").toEpochMilli(), event.clientTs());
    assertEquals(NOW, event.receivedAt());
  }

  @Test
  void timestamp_isKeptAsGiven() {
    Event event = map(MessageType.TRACK, "{'userId':'1','event':'x','timestamp':'2025-01-01T00:00:00+01:00',"
        + "'sentAt':'2026-05-01T12:00:00Z'}").get(0);
    assertEquals(Instant.parse("2024-12-31T23:00:00Z").toEpochMilli(), event.clientTs());
  }

  @Test
  void batchSentAt_appliesToMessagesWithoutTheirOwn() {
    Event event = mapper.events("acme", MessageType.TRACK, json("{'userId':'1','event':'x','originalTimestamp':"
        + "'2026-05-01T12:00:00Z'}"), "", null, Instant.parse("2026-05-01T12:00:05Z").toEpochMilli(), NOW).get(0);
    assertEquals(Instant.parse("2026-05-01T12:00:05Z").toEpochMilli(), event.clientTs());
  }

  @Test
  void contextIp_isTheEventsAddress_elseNone() {
    assertEquals("203.0.113.9", map(MessageType.PAGE, "{'userId':'1','context':{'ip':'203.0.113.9'}}").get(0).ip());
    assertNull(map(MessageType.PAGE, "{'userId':'1','context':{'ip':'not an ip'}}").get(0).ip());
  }

  @Test
  void properties_keepScalarsCutAndCapped() {
    StringBuilder props = new StringBuilder("{'long':'" + "z".repeat(300) + "','nested':{'a':1},'list':[1],'n':null");
    for (int i = 0; i < 30; i++) {
      props.append(",'k").append(i).append("':").append(i);
    }
    Event event = map(MessageType.TRACK, "{'userId':'1','event':'x','properties':" + props + "}}").get(0);
    assertEquals(20, event.props().size());
    assertEquals(256, ((String) event.props().get("long")).length());
    assertNull(event.props().get("nested"));
  }

  @Test
  void identify_emailComesFirstWhateverTheTraitsBefore() {
    StringBuilder traits = new StringBuilder("{");
    for (int i = 0; i < 25; i++) {
      traits.append("'t").append(i).append("':").append(i).append(',');
    }
    traits.append("'email':'ada@acme.test'}");
    Event event = map(MessageType.IDENTIFY, "{'userId':'1','traits':" + traits + "}").get(0);
    assertEquals(EventType.CUSTOM, event.type());
    assertEquals("identify", event.name());
    assertEquals("ada@acme.test", event.props().get("email"));
  }

  @Test
  void trackDownloadWithoutUrl_isADownloadNamedForTheEvent() {
    Event event = map(MessageType.TRACK, "{'userId':'1','event':'Download'}").get(0);
    assertEquals(EventType.DOWNLOAD, event.type());
    assertEquals("Download", event.url());
  }
}
