import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.collect.Event;
import io.leadgate.collect.EventBodyParser;
import io.leadgate.collect.EventJson;
import io.leadgate.collect.EventType;
import io.leadgate.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The intake's JSON work per event, old against new, in one process: the old path (databind's readTree, the tree
 * walk EventParser did up to commit 32fb70b, reconstructed below, and databind's writeValueAsString) against the
 * streaming one ({@link EventBodyParser} and {@link EventJson#encode}), on the page view that bench/pageview.lua
 * sends. Each is warmed up, then timed in rounds; the best round is printed (the others only add noise from
 * the machine), with the ratio. Both paths are first checked to give the same event and the same bytes.
 *
 * <p>Run from the repository: {@code mvn -B -ntp -o package -DskipTests && java -cp target/leadgate.jar
 * bench/IntakeCodecBench.java} (optional arguments: rounds, and events per round).
 */
public final class IntakeCodecBench {
  static final byte[] BODY = ("{\"site\":\"bench\",\"visitor\":\"vis0000000012345\",\"session\":\"ses00012345\","
      + "\"id\":\"r-t1-00000002\",\"type\":\"pageview\",\"url\":\"https://www.acme-example.com/pricing"
      + "?utm_source=newsletter&utm_medium=email&utm_campaign=q4-launch\",\"title\":\"Pricing - ACME Analytics for B2B"
      + " teams\",\"referrer\":\"https://www.google.com/\",\"utm\":{\"source\":\"newsletter\",\"medium\":\"email\","
      + "\"campaign\":\"q4-launch\"},\"ts\":1795000000000,\"props\":{\"lang\":\"en-US\",\"screen\":\"1920x1080\"}}")
      .getBytes(StandardCharsets.UTF_8);
  static final long NOW = 1_795_000_000_500L;
  static final ObjectMapper DATABIND = new ObjectMapper();
  static final TreeEventParser TREE_PARSER = new TreeEventParser();
  static final EventBodyParser STREAM_PARSER = new EventBodyParser();
  static long sink;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Event oldEvent = oldParse(BODY);
    Event newEvent = newParse(BODY);
    if (!oldEvent.equals(newEvent) || !DATABIND.writeValueAsString(oldEvent).equals(EventJson.encode(newEvent))) {
      throw new AssertionError("the two paths disagree:\n" + oldEvent + "\n" + newEvent);
    }
    System.out.printf("body %d bytes, log entry %d characters; %d rounds of %d events after warm-up%n", BODY.length,
        EventJson.encode(newEvent).length(), rounds, perRound);
    compare("parse (body -> Event)", rounds, perRound, body -> oldParse(body).url().length(),
        body -> newParse(body).url().length());
    compare("encode (Event -> log entry)", rounds, perRound, body -> oldEncode(oldEvent).length(),
        body -> EventJson.encode(newEvent).length());
    compare("parse + encode", rounds, perRound, body -> oldEncode(oldParse(body)).length(),
        body -> EventJson.encode(newParse(body)).length());
    System.out.println("(sink " + (sink & 1) + ")");
  }

  static Event oldParse(byte[] body) {
    try {
      return withIp(TREE_PARSER.parse(DATABIND.readTree(body), "", NOW));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String oldEncode(Event event) {
    try {
      return DATABIND.writeValueAsString(event);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Event newParse(byte[] body) {
    return withIp(STREAM_PARSER.parse(body, NOW).get(0));
  }

  /** The service keeps the anonymised address on the event it logs; both paths pay the same copy. */
  static Event withIp(Event e) {
    return new Event(e.id(), e.site(), e.visitor(), e.session(), e.type(), e.url(), e.page(), e.title(), e.referrer(),
        e.utm(), e.click(), e.name(), e.props(), e.clientTs(), e.receivedAt(), "203.0.113.0");
  }

  static void compare(String what, int rounds, int perRound, ToIntFunction<byte[]> old, ToIntFunction<byte[]> now) {
    for (int warm = 0; warm < 5; warm++) {
      round(old, perRound);
      round(now, perRound);
    }
    double[] oldNs = new double[rounds];
    double[] newNs = new double[rounds];
    for (int r = 0; r < rounds; r++) { // interleaved, so drift in the machine hits both alike
      oldNs[r] = round(old, perRound);
      newNs[r] = round(now, perRound);
    }
    double oldBest = Arrays.stream(oldNs).min().orElseThrow();
    double newBest = Arrays.stream(newNs).min().orElseThrow();
    System.out.printf("%-28s old %8.0f ns/event (median %6.0f)   new %8.0f ns/event (median %6.0f)   old/new %.2fx%n",
        what, oldBest, median(oldNs), newBest, median(newNs), oldBest / newBest);
  }

  static double round(ToIntFunction<byte[]> work, int events) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < events; i++) {
      sum += work.applyAsInt(BODY);
    }
    sink += sum;
    return (System.nanoTime() - start) / (double) events;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** EventParser as it was at 32fb70b: the rules over a JsonNode tree. */
  @SuppressWarnings("deprecation") // JsonNode.fields(), as the old code called it
  static final class TreeEventParser {
    static final int MAX_URL = 2048, MAX_TITLE = 512, MAX_NAME = 128, MAX_PROPS = 20, MAX_PROP_KEY = 64,
        MAX_PROP_VALUE = 256, MAX_TAG = 256, MAX_CLICK_ID = 512, ID_MIN = 8, KEY_MIN = 1, KEY_MAX = 64;
    static final Set<String> UTM_KEYS = Set.of("source", "medium", "campaign", "term", "content");
    static final Set<String> CLICK_KEYS = Set.of("gclid", "fbclid", "msclkid", "li_fat_id");

    /**
     * @param node       the event object
     * @param prefix     how the event is named in error fields ({@code ""} or {@code "events[3]."})
     * @param receivedAt the gateway's clock
     */
    Event parse(JsonNode node, String prefix, long receivedAt) {
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("invalid_event", prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1),
            "an event must be a JSON object");
      }
      Fields f = new Fields(node, prefix);
      String site = f.matching("site", KEY_MIN, true);
      String visitor = f.matching("visitor", ID_MIN, true);
      String session = f.matching("session", KEY_MIN, false);
      String id = f.matching("id", ID_MIN, false);
      String typeLabel = f.text("type", 32, true);
      EventType type = EventType.parse(typeLabel).filter(EventType::collectable).orElseThrow(() ->
          ApiException.invalidField(prefix + "type", "must be one of pageview, download, outbound, custom, engagement"));
      String url = f.url("url", true);
      String page = f.url("page", false);
      String title = truncate(f.text("title", Integer.MAX_VALUE, false), MAX_TITLE);
      String referrer = f.optionalUrl("referrer");
      String name = f.text("name", MAX_NAME, type == EventType.CUSTOM);
      long clientTs = f.timestamp("ts");
      return new Event(id == null ? UUID.randomUUID().toString() : id, site, visitor, session, type, url, page, title,
          referrer, f.tags("utm", UTM_KEYS, MAX_TAG), f.tags("click", CLICK_KEYS, MAX_CLICK_ID), name, f.props(),
          clientTs, receivedAt, null);
    }

    private static String truncate(String value, int max) {
      return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Reads fields of one event, naming each failure by its full path. */
    private record Fields(JsonNode node, String prefix) {

      String text(String name, int max, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
          if (required) {
            throw ApiException.invalidField(prefix + name, "is required");
          }
          return null;
        }
        if (!value.isTextual()) {
          throw ApiException.invalidField(prefix + name, "must be a string");
        }
        String text = value.asText();
        if (text.length() > max) {
          throw ApiException.invalidField(prefix + name, "must be at most " + max + " characters");
        }
        return text;
      }

      String matching(String name, int min, boolean required) {
        String value = text(name, KEY_MAX, required);
        if (value != null && !isKey(value, min)) {
          throw ApiException.invalidField(prefix + name, "must be " + describe(min));
        }
        return value;
      }

      String url(String name, boolean required) {
        String value = text(name, MAX_URL, required);
        if (value != null && !isWebUrl(value)) {
          throw ApiException.invalidField(prefix + name, "must be an absolute http(s) URL");
        }
        return value;
      }

      /** A referrer that is not a web URL (android-app://, a truncated one) is dropped rather than refused. */
      String optionalUrl(String name) {
        String value = text(name, Integer.MAX_VALUE, false);
        return value != null && value.length() <= MAX_URL && isWebUrl(value) ? value : null;
      }

      long timestamp(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
          return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0) {
          throw ApiException.invalidField(prefix + name, "must be milliseconds since the epoch");
        }
        return value.asLong();
      }

      Map<String, String> tags(String name, Set<String> allowed, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
          return Map.of();
        }
        if (!value.isObject()) {
          throw ApiException.invalidField(prefix + name, "must be an object with any of " + allowed);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
          String key = entry.getKey();
          if (!allowed.contains(key)) {
            return;
          }
          JsonNode tag = entry.getValue();
          if (tag.isNull() || (tag.isTextual() && tag.asText().isEmpty())) {
            return;
          }
          if (!tag.isTextual() || tag.asText().length() > max) {
            throw ApiException.invalidField(prefix + name + "." + key, "must be a string of at most " + max + " characters");
          }
          tags.put(key, tag.asText());
        });
        return tags;
      }

      Map<String, Object> props() {
        JsonNode value = node.get("props");
        if (value == null || value.isNull()) {
          return Map.of();
        }
        if (!value.isObject()) {
          throw ApiException.invalidField(prefix + "props", "must be an object");
        }
        if (value.size() > MAX_PROPS) {
          throw ApiException.invalidField(prefix + "props", "must have at most " + MAX_PROPS + " properties");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
          String key = entry.getKey();
          String field = prefix + "props." + key;
          JsonNode prop = entry.getValue();
          if (key.isEmpty() || key.length() > MAX_PROP_KEY) {
            throw ApiException.invalidField(prefix + "props", "property names must be 1 to " + MAX_PROP_KEY + " characters");
          }
          if (prop.isTextual()) {
            if (prop.asText().length() > MAX_PROP_VALUE) {
              throw ApiException.invalidField(field, "must be at most " + MAX_PROP_VALUE + " characters");
            }
            props.put(key, prop.asText());
          } else if (prop.isIntegralNumber() && prop.canConvertToLong()) {
            props.put(key, prop.asLong());
          } else if (prop.isNumber()) {
            double number = prop.asDouble();
            if (!Double.isFinite(number)) {
              throw ApiException.invalidField(field, "must be a finite number");
            }
            props.put(key, number);
          } else if (prop.isBoolean()) {
            props.put(key, prop.asBoolean());
          } else if (!prop.isNull()) {
            throw ApiException.invalidField(field, "must be a string, number or boolean");
          }
        });
        return props;
      }
    }

    /**
     * Browsers leave some characters unescaped that {@link java.net.URI} refuses, so the check is lenient: the
     * regular expression {@code (?i)https?://[^\s/?#@]+(?:[/?#][^\s]*)?}, written out (it runs on every url and
     * referrer of every event, and the regex engine was a tenth of the intake's CPU).
     */
    static boolean isWebUrl(String value) {
      int start = startsWithIgnoreAsciiCase(value, "http://") ? 7 : startsWithIgnoreAsciiCase(value, "https://") ? 8 : -1;
      if (start < 0) {
        return false;
      }
      int i = start;
      int length = value.length();
      for (; i < length; i++) {
        char c = value.charAt(i);
        if (c == '/' || c == '?' || c == '#') {
          break;
        }
        if (c == '@' || isSpace(c)) {
          return false;
        }
      }
      if (i == start) {
        return false;
      }
      for (; i < length; i++) {
        if (isSpace(value.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /** {@code [A-Za-z0-9_-]{min,64}} without the regex engine. */
    static boolean isKey(String value, int min) {
      int length = value.length();
      if (length < min || length > KEY_MAX) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
          return false;
        }
      }
      return true;
    }

    /** {@code (?i)} without UNICODE_CASE folds ASCII letters only, and so does this. */
    private static boolean startsWithIgnoreAsciiCase(String value, String lowerPrefix) {
      if (value.length() < lowerPrefix.length()) {
        return false;
      }
      for (int i = 0; i < lowerPrefix.length(); i++) {
        char c = value.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + ('a' - 'A'));
        }
        if (c != lowerPrefix.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r';
    }

    private static String describe(int min) {
      return min == ID_MIN ? "8 to 64 letters, digits, '-' or '_'" : "1 to 64 letters, digits, '-' or '_'";
    }
  }
}
