package io.leadgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.collect.EventBodyParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  /** What the event log was written with before the streaming generator: the reference for every byte. */
  private static final ObjectMapper DATABIND = new ObjectMapper();
  private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000",
      "\u001f", "\u007f", "é", "ß", "€", "\u2028", "\u2029", "\ufeff", "\ud83d\ude00", "</script>",
      "https://acme.com/p?q=1&r=%20#x", "Ω", "中文", "\u00a0"};

  @Test
  void encode_generatedEvents_writesWhatDatabindWrote() throws Exception {
    Random random = new Random(20261124);
    for (int i = 0; i < 20_000; i++) {
      Event event = event(random);
      assertEquals(DATABIND.writeValueAsString(event), EventJson.encode(event), "event " + i);
    }
  }

  @Test
  void decode_generatedEvents_readsWhatDatabindRead() throws Exception {
    Random random = new Random(20261125);
    for (int i = 0; i < 20_000; i++) {
      String json = EventJson.encode(event(random));
      Event byDatabind;
      try {
        byDatabind = DATABIND.readValue(json, Event.class);
      } catch (Exception e) {
        String text = json;
        assertThrows(IllegalArgumentException.class, () -> EventJson.decode(text), json);
        continue;
      }
      assertEquals(byDatabind, EventJson.decode(json), json);
    }
  }

  @Test
  void decode_unknownFieldsAndMissingOnes_areSkippedAndNull() {
    Event event = EventJson.decode("{\"id\":\"e1\",\"future\":{\"a\":[1,2]},\"type\":\"PAGEVIEW\",\"receivedAt\":5}");
    assertEquals("e1", event.id());
    assertEquals(EventType.PAGEVIEW, event.type());
    assertEquals(5, event.receivedAt());
    assertEquals(null, event.url());
  }

  @Test
  void decode_notAnEvent_isIllegalArgument() {
    for (String text : new String[] {"[]", "{\"type\":\"NOPE\"}", "{\"props\":{\"a\":null}}", "{\"id\":", "x"}) {
      assertThrows(IllegalArgumentException.class, () -> EventJson.decode(text), text);
    }
  }

  @Test
  void encode_parsedPageview_writesWhatDatabindWrote() throws Exception {
    Event event = new EventBodyParser().parse("""
        {"site":"demo","visitor":"0123456789abcdef","session":"s1","id":"evt-00000001","type":"pageview",
         "url":"https://acme.com/?q=\\"x\\"","title":"Caf\\u00e9 \\ud83d\\ude00","utm":{"source":"news"},
         "click":{"gclid":"g"},"ts":1700000000000,"props":{"plan":"pro","seats":5,"ratio":0.25,"trial":true}}"""
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), 42).events().get(0);
    assertEquals(DATABIND.writeValueAsString(event), EventJson.encode(event));
  }

  @Test
  void encode_loneSurrogate_isEscapedAndDecodesToItself() {
    // a JSON body may carry "\ud800": the String databind wrote lost it to '?' when the log stored it as UTF-8
    Event event = new Event("evt-00000001", "demo", "0123456789abcdef", null, EventType.PAGEVIEW,
        "https://acme.com/", null, "half \ud800 and \udfff", null, Map.of(), Map.of(), null, Map.of(), 1, 2, null);
    String json = EventJson.encode(event);
    assertEquals(true, json.contains("half \\uD800 and \\uDFFF"), json);
    assertEquals(event, EventJson.decode(json));
  }

  @Test
  void decode_whatEncodeWrote_isTheSameEvent() {
    Event event = new Event("evt-00000001", "demo", "0123456789abcdef", null, EventType.DOWNLOAD,
        "https://acme.com/a.pdf", "https://acme.com/", "T\u00e9 \ud83d\ude00", null, Map.of("source", "news"),
        Map.of(), null, Map.of("plan", "pro", "trial", true, "ratio", 0.5), 1, 2, "127.0.0.0");
    assertEquals(event, EventJson.decode(EventJson.encode(event)));
  }

  private static Event event(Random random) {
    EventType[] types = EventType.values();
    return new Event(text(random), text(random), text(random), text(random),
        random.nextInt(8) == 0 ? null : types[random.nextInt(types.length)], text(random), text(random), text(random),
        text(random), tags(random), tags(random), text(random), props(random, 0), number(random), number(random),
        text(random));
  }

  /** Null one time in five: databind wrote {@code null} for every missing value. */
  private static String text(Random random) {
    if (random.nextInt(5) == 0) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      char any = (char) random.nextInt(0x10000);
      // lone surrogates have no UTF-8 form: see encode_loneSurrogate_isEscapedAndDecodesToItself
      text.append(random.nextInt(4) == 0 && !Character.isSurrogate(any) ? String.valueOf(any) : PIECES[random.nextInt(
          PIECES.length)]);
    }
    return text.toString();
  }

  private static String nonNullText(Random random) {
    String text = text(random);
    return text == null ? "" : text;
  }

  private static long number(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextLong();
      case 2 -> -random.nextInt(1000);
      default -> 1_700_000_000_000L + random.nextInt();
    };
  }

  private static Map<String, String> tags(Random random) {
    Map<String, String> tags = new HashMap<>();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      tags.put(nonNullText(random), nonNullText(random));
    }
    return tags;
  }

  private static Map<String, Object> props(Random random, int depth) {
    Map<String, Object> props = new LinkedHashMap<>();
    int size = random.nextInt(depth == 0 ? 8 : 3);
    for (int i = 0; i < size; i++) {
      props.put(nonNullText(random), prop(random, depth));
    }
    return props;
  }

  private static Object prop(Random random, int depth) {
    return switch (random.nextInt(depth < 2 ? 16 : 14)) {
      case 0, 1 -> nonNullText(random);
      case 2 -> random.nextLong();
      case 3 -> (long) random.nextInt(100);
      case 4 -> random.nextInt();
      case 5 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      case 6 -> List.of(0.0, -0.0, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 100.0, 1e7, 1e-3)
          .get(random.nextInt(10));
      case 7 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).get(random.nextInt(3));
      case 8 -> random.nextFloat();
      case 9 -> random.nextBoolean();
      case 10 -> new BigInteger(100, random).negate();
      case 11 -> new BigDecimal(new BigInteger(80, random), random.nextInt(40) - 20);
      case 12 -> (short) random.nextInt();
      case 13 -> (byte) random.nextInt();
      case 14 -> props(random, depth + 1);
      default -> List.of(prop(random, depth + 1), nonNullText(random));
    };
  }
}
