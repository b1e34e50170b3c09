package io.leadgate.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.core.InvalidInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one JSON event from a browser into an {@link Event}, or refuses it with the field at fault.
 * Unknown fields are ignored so that a newer snippet can talk to an older gateway. The rules work on
 * {@link EventFields}, read from a token stream, so a request body never becomes a tree.
 */
public final class EventParser {
  public static final int MAX_URL = 2048;
  public static final int MAX_TITLE = 512;
  public static final int MAX_NAME = 128;
  public static final int MAX_PROPS = 20;
  public static final int MAX_PROP_KEY = 64;
  public static final int MAX_PROP_VALUE = 256;
  public static final int MAX_TAG = 256;
  public static final int MAX_CLICK_ID = 512;
  /** The campaign tags and click ids kept, in the order a touch lists them. */
  public static final List<String> UTM_TAGS = List.of("source", "medium", "campaign", "term", "content");
  public static final List<String> CLICK_IDS = List.of("gclid", "fbclid", "msclkid", "li_fat_id");
  public static final Set<String> UTM_KEYS = Set.copyOf(UTM_TAGS);
  public static final Set<String> CLICK_KEYS = Set.copyOf(CLICK_IDS);
  /** Ids (visitor, event): 8 to 64 of {@code [A-Za-z0-9_-]}; session and site keys: 1 to 64 of them. */
  private static final int ID_MIN = 8;
  private static final int KEY_MIN = 1;
  private static final int KEY_MAX = 64;

  /**
   * An event built as a tree (the pixel's query parameters), through the same rules as a request body.
   *
   * @param node       the event object
   * @param prefix     how the event is named in error fields ({@code ""} or {@code "[3]."})
   * @param receivedAt the gateway's clock
   */
  public Event parse(JsonNode node, String prefix, long receivedAt) {
    EventFields fields;
    try (JsonParser tokens = (node == null ? MissingNode.getInstance() : node).traverse()) {
      tokens.nextToken();
      fields = EventFields.read(tokens);
    } catch (IOException e) {
      throw new UncheckedIOException("a tree in memory always reads", e);
    }
    return parse(fields, prefix, receivedAt);
  }

  /**
   * @param event      the event as read
   * @param prefix     how the event is named in error fields ({@code ""} or {@code "[3]."})
   * @param receivedAt the gateway's clock
   */
  Event parse(EventFields event, String prefix, long receivedAt) {
    if (!event.isObject()) {
      throw new InvalidInput("invalid_event", prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1),
          "an event must be a JSON object");
    }
    Fields f = new Fields(event, prefix);
    String site = f.matching("site", KEY_MIN, true);
    String visitor = f.matching("visitor", ID_MIN, false);
    String session = f.matching("session", KEY_MIN, false);
    String id = f.matching("id", ID_MIN, false);
    String typeLabel = f.text("type", 32, true);
    EventType type = EventType.parse(typeLabel).filter(EventType::collectable).orElseThrow(() ->
        InvalidInput.field(prefix + "type", "must be one of pageview, download, outbound, custom, engagement"));
    if (visitor == null && type != EventType.PAGEVIEW) {
      // a page view without one is cookieless (counted by a daily hash, CollectService); anything else needs its visitor
      throw InvalidInput.field(prefix + "visitor", "is required");
    }
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
  private record Fields(EventFields event, String prefix) {

    String text(String name, int max, boolean required) {
      Object value = event.get(name);
      if (value == null || value == EventFields.NULL || "".equals(value)) {
        if (required) {
          throw InvalidInput.field(prefix + name, "is required");
        }
        return null;
      }
      if (!(value instanceof String text)) {
        throw InvalidInput.field(prefix + name, "must be a string");
      }
      if (text.length() > max) {
        throw InvalidInput.field(prefix + name, "must be at most " + max + " characters");
      }
      return text;
    }

    String matching(String name, int min, boolean required) {
      String value = text(name, KEY_MAX, required);
      if (value != null && !isKey(value, min)) {
        throw InvalidInput.field(prefix + name, "must be " + describe(min));
      }
      return value;
    }

    String url(String name, boolean required) {
      String value = text(name, MAX_URL, required);
      if (value != null && !isWebUrl(value)) {
        throw InvalidInput.field(prefix + name, "must be an absolute http(s) URL");
      }
      return value;
    }

    /** A referrer that is not a web URL (android-app://, a truncated one) is dropped rather than refused. */
    String optionalUrl(String name) {
      String value = text(name, Integer.MAX_VALUE, false);
      return value != null && value.length() <= MAX_URL && isWebUrl(value) ? value : null;
    }

    /** An integer too big for a long keeps its low 64 bits, as {@code JsonNode.asLong()} did. */
    long timestamp(String name) {
      Object value = event.get(name);
      if (value == null || value == EventFields.NULL) {
        return 0;
      }
      if (!isIntegral(value) || ((Number) value).longValue() < 0) {
        throw InvalidInput.field(prefix + name, "must be milliseconds since the epoch");
      }
      return ((Number) value).longValue();
    }

    Map<String, String> tags(String name, Set<String> allowed, int max) {
      Object value = event.get(name);
      if (value == null || value == EventFields.NULL) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?> object)) {
        throw InvalidInput.field(prefix + name, "must be an object with any of " + allowed);
      }
      Map<String, String> tags = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        String key = (String) entry.getKey();
        Object tag = entry.getValue();
        if (!allowed.contains(key) || tag == EventFields.NULL || "".equals(tag)) {
          continue;
        }
        if (!(tag instanceof String text) || text.length() > max) {
          throw InvalidInput.field(prefix + name + "." + key, "must be a string of at most " + max + " characters");
        }
        tags.put(key, text);
      }
      return tags;
    }

    Map<String, Object> props() {
      Object value = event.get("props");
      if (value == null || value == EventFields.NULL) {
        return Map.of();
      }
      if (!(value instanceof Map<?, ?> object)) {
        throw InvalidInput.field(prefix + "props", "must be an object");
      }
      if (object.size() > MAX_PROPS) {
        throw InvalidInput.field(prefix + "props", "must have at most " + MAX_PROPS + " properties");
      }
      Map<String, Object> props = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        String key = (String) entry.getKey();
        String field = prefix + "props." + key;
        Object prop = entry.getValue();
        if (key.isEmpty() || key.length() > MAX_PROP_KEY) {
          throw InvalidInput.field(prefix + "props", "property names must be 1 to " + MAX_PROP_KEY + " characters");
        }
        if (prop instanceof String text) {
          if (text.length() > MAX_PROP_VALUE) {
            throw InvalidInput.field(field, "must be at most " + MAX_PROP_VALUE + " characters");
          }
          props.put(key, text);
        } else if (isIntegral(prop) && fitsLong((Number) prop)) {
          props.put(key, ((Number) prop).longValue());
        } else if (prop instanceof Number number) {
          double real = number.doubleValue();
          if (!Double.isFinite(real)) {
            throw InvalidInput.field(field, "must be a finite number");
          }
          props.put(key, real);
        } else if (prop instanceof Boolean bool) {
          props.put(key, bool);
        } else if (prop != EventFields.NULL) {
          throw InvalidInput.field(field, "must be a string, number or boolean");
        }
      }
      return props;
    }

    private static boolean isIntegral(Object value) {
      return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static boolean fitsLong(Number value) {
      return !(value instanceof BigInteger big) || big.bitLength() < Long.SIZE;
    }
  }

  /**
   * Browsers leave some characters unescaped that {@link java.net.URI} refuses, so the check is lenient: the
   * regular expression {@code (?i)https?://[^\s/?#@]+(?:[/?#][^\s]*)?}, written out (it runs on every url and
   * referrer of every event, and the regex engine was a tenth of the intake's CPU).
   */
  static boolean isWebUrl(String value) {
    int start = Urls.webSchemeLength(value);
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

  /** {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r';
  }

  private static String describe(int min) {
    return min == ID_MIN ? "8 to 64 letters, digits, '-' or '_'" : "1 to 64 letters, digits, '-' or '_'";
  }
}
