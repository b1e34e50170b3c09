package io.leadgate.redis;

import io.leadgate.collect.EventParser;
import io.leadgate.collect.Identify;
import io.leadgate.collect.Projection;
import io.leadgate.core.Event;
import io.leadgate.core.EventJson;
import io.leadgate.core.EventType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stored form of a visitor's timeline entries (the list {@code lg:{sNN}:tl:SITE:VISITOR}, newest first), which
 * {@link StoredVisitor} writes and {@link TimelineSharing} shares values in.
 *
 * <p>An entry is its fields joined by {@code \31}: id ({@link #storedId}), type (its first letter), time (base 36),
 * the URL's origin, the rest of the URL, title, props (JSON), utm (JSON), page, name; trailing absent fields are left
 * out (the rarer ones come last). A field is empty when absent, {@code \28} when an empty string, and {@code \29}
 * followed by a distance ({@code \29} alone: 1) when it holds the same value as the entry that many places newer: the
 * script writes a value once and the older entries that share it point to the newer one. A pointer only ever points
 * to a newer entry, so the list can be cut at its old end, and reading the newest N entries needs nothing older.
 *
 * <p>This class writes an entry led by {@code \2} with every field; {@link TimelineSharing} writes it
 * {@link #COMPACT}: led by {@code @} plus bits, 16 for a snippet id without its {@code ~}, 1, 2, 4, 8 for the type,
 * time, origin, props left out as {@code \29} (the next newer entry's). The visitor's first entry holds {@code \30}
 * for the rest of its URL and for its utm tags: they are the profile's landing and its first touch's tags. Entries
 * led by {@code \2} (the first list form) are read as they are. What came before, a JSON object per entry
 * ({@link Projection#timelineEntry}), is still read, and is still written for an event whose text holds one of the
 * control characters the form uses. {@code \3} and an id is an entry past the timeline's cap kept only for
 * de-duplication; {@code \1} is the visitor's profile ({@link ProfileCodec}), the list's last element.
 */
final class TimelineCodec {
  static final char PROFILE = '\u0001';
  static final char ENTRY = '\u0002';
  static final char STUB = '\u0003';
  static final char EMPTY = '\u001c';
  static final char SAME = '\u001d';
  static final char PAIR = '\u001e';
  static final char FIELD = '\u001f';
  /** The lead of a compact entry ({@link TimelineSharing} writes them): 64 plus the bits below, {@code @} to {@code _}.
   */
  static final char COMPACT = '@';
  /** In a compact entry, the id is a snippet's stored id ({@link #storedId}) without its {@code ~}. */
  private static final int SNIPPET_ID = 16;
  /** Fields (0-based) a compact entry leaves out as the next newer entry's, bit {@code 1 << i} for the i-th. */
  private static final int[] OMITTED = {1, 2, 3, 6};
  /** The URL (in its rest-of-URL field) and utm tags of the visitor's first entry: the profile's landing and first touch. */
  private static final String LANDING = String.valueOf(PAIR);
  private static final int FIELDS = 10;
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

  private TimelineCodec() {
  }

  /** The entry of one event, every field written out ({@link TimelineSharing} replaces repeated values by pointers). */
  static String encode(Event event) {
    Map<String, Object> props = Identify.keptProps(event);
    if (unsafe(event.url()) || unsafe(event.page()) || unsafe(event.title()) || unsafe(event.name())) {
      return Projection.timelineEntry(event);
    }
    String url = event.url();
    int scheme = url.indexOf("://");
    int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
    String[] fields = {storedId(event.id()), String.valueOf(event.type().label().charAt(0)),
        Long.toString(event.receivedAt(), 36), path < 0 ? url : url.substring(0, path), path < 0 ? "" : url.substring(path),
        event.title(), props.isEmpty() ? null : EventJson.write(json -> EventJson.writeValue(props, json)),
        event.utm().isEmpty() ? null : EventJson.write(json -> EventJson.writeValue(event.utm(), json)),
        event.page(), event.name()};
    int last = fields.length - 1;
    while (fields[last] == null) {
      last--;
    }
    StringBuilder entry = new StringBuilder(256).append(ENTRY);
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        entry.append(FIELD);
      }
      String value = fields[i];
      if (value != null) {
        // the rest of a URL without a path is empty, and absent is the same for it
        entry.append(value.isEmpty() && i != 4 ? String.valueOf(EMPTY) : value);
      }
    }
    return entry.toString();
  }

  /**
   * The entries of the list's newest elements, newest first, as {@link Projection#timelineEntry} has them. The
   * visitor's first entry may take its URL and utm tags from the profile: the elements hold the profile then (it
   * follows that entry: read one element more than the entries wanted).
   */
  static List<JsonObject> decode(List<String> elements, int max) {
    List<JsonObject> entries = new ArrayList<>(elements.size());
    String[][] values = new String[elements.size()][];
    String last = elements.isEmpty() ? "" : elements.get(elements.size() - 1);
    Map<String, String> profile = !last.isEmpty() && last.charAt(0) == PROFILE ? ProfileCodec.decode(last) : Map.of();
    for (int i = 0; i < Math.min(elements.size(), max); i++) {
      String element = elements.get(i);
      if (element.isEmpty() || element.charAt(0) == PROFILE || element.charAt(0) == STUB) {
        break; // the profile, or entries kept past the cap for their ids only
      }
      if (element.charAt(0) != ENTRY && !compact(element)) {
        entries.add(new JsonObject(element));
        continue;
      }
      String[] fields = resolve(element, i, values);
      values[i] = fields;
      entries.add(toJson(fields, profile));
    }
    return entries;
  }

  private static boolean compact(String element) {
    return element.charAt(0) >= COMPACT && element.charAt(0) < COMPACT + 32;
  }

  private static String[] resolve(String element, int position, String[][] values) {
    String[] fields = new String[FIELDS];
    int bits = element.charAt(0) == ENTRY ? 0 : element.charAt(0) - COMPACT;
    int from = 1;
    for (int f = 0; f < FIELDS && (from <= element.length() || omitted(bits, f)); f++) {
      String value;
      if (omitted(bits, f)) {
        value = String.valueOf(SAME);
      } else {
        int cut = element.indexOf(FIELD, from);
        value = element.substring(from, cut < 0 ? element.length() : cut);
        from = cut < 0 ? element.length() + 1 : cut + 1;
      }
      if (f == 0 && (bits & SNIPPET_ID) != 0) {
        value = "~" + value;
      }
      if (!value.isEmpty() && value.charAt(0) == SAME) {
        int distance = value.length() == 1 ? 1 : Integer.parseInt(value.substring(1));
        fields[f] = values[position - distance][f];
      } else {
        fields[f] = value.isEmpty() ? null : value;
      }
    }
    return fields;
  }

  /** Whether field {@code f} (0-based) is left out of a compact entry as the next newer entry's. */
  private static boolean omitted(int bits, int f) {
    for (int i = 0; i < OMITTED.length; i++) {
      if (OMITTED[i] == f && (bits & (1 << i)) != 0) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject toJson(String[] fields, Map<String, String> profile) {
    String url = LANDING.equals(fields[4]) ? required(profile, "landing")
        : fields[3] + (fields[4] == null ? "" : fields[4]);
    JsonObject entry = new JsonObject().put("id", id(fields[0])).put("type", type(fields[1]))
        .put("at", Long.parseLong(fields[2], 36)).put("url", url);
    putText(entry, "page", fields[8]);
    putText(entry, "title", fields[5]);
    putText(entry, "name", fields[9]);
    if (LANDING.equals(fields[7])) {
      entry.put("utm", firstTouchUtm(required(profile, "first_touch")));
    } else if (fields[7] != null) {
      entry.put("utm", new JsonObject(fields[7]));
    }
    if (fields[6] != null) {
      entry.put("props", new JsonObject(fields[6]));
    }
    return entry;
  }

  private static String required(Map<String, String> profile, String field) {
    String value = profile.get(field);
    if (value == null) {
      throw new IllegalStateException("the visitor's first entry refers to its profile's " + field + ", not read");
    }
    return value;
  }

  /** The utm tags of a touch ({@code utm_source}: {@code source}), in the order the parser keeps them. */
  private static JsonObject firstTouchUtm(String touch) {
    JsonObject fields = new JsonObject(touch);
    JsonObject utm = new JsonObject();
    for (String tag : EventParser.UTM_TAGS) {
      if (fields.containsKey("utm_" + tag)) {
        utm.put(tag, fields.getString("utm_" + tag));
      }
    }
    return utm;
  }

  /**
   * An event id as entries hold it: the snippet's ids (32 hex digits) as {@code ~} and their 16 bytes in base64url (23
   * characters instead of 32; {@code ~} is not a character of ids), any other id as it is.
   */
  static String storedId(String id) {
    if (id.length() != 32 || !HEX.matcher(id).matches()) {
      return id;
    }
    return "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(id));
  }

  private static String id(String stored) {
    return stored.length() == 23 && stored.charAt(0) == '~'
        ? HexFormat.of().formatHex(Base64.getUrlDecoder().decode(stored.substring(1))) : stored;
  }

  private static void putText(JsonObject entry, String key, String value) {
    if (value != null) {
      entry.put(key, value.equals(String.valueOf(EMPTY)) ? "" : value);
    }
  }

  private static String type(String letter) {
    for (EventType type : EventType.values()) {
      if (type.label().charAt(0) == letter.charAt(0)) {
        return type.label();
      }
    }
    throw new IllegalStateException("no event type starts with " + letter);
  }

  /** Text holding a character the stored form gives a meaning to is written as JSON instead. */
  static boolean unsafe(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= PROFILE && c <= STUB || c >= EMPTY && c <= FIELD) {
        return true;
      }
    }
    return false;
  }
}
