package io.leadgate.redis;

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
 * {@code record_visitor_events.lua} writes and shares values in.
 *
 * <p>An entry is {@code \2} and its fields joined by {@code \31}: id ({@link #storedId}), type (its first letter), time
 * (base 36), the URL's origin, the rest of the URL, title, props (JSON), utm (JSON), page, name; trailing absent
 * fields are left out (the rarer ones come last). A field is empty when absent, {@code \28} when an empty string, and {@code \29} followed by a distance
 * ({@code \29} alone: 1) when it holds the same value as the entry that many places newer: the script writes a value
 * once and the older entries that share it point to the newer one. A pointer only ever points to a newer entry, so
 * the list can be cut at its old end, and reading the newest N entries needs nothing older. What it replaced, a JSON
 * object per entry ({@link Projection#timelineEntry}), is still read, and is still written for an event whose text
 * holds one of the control characters the form uses. {@code \3} and an id is an entry past the timeline's cap kept
 * only for de-duplication; {@code \1} is the visitor's profile ({@link ProfileCodec}), the list's last element.
 */
final class TimelineCodec {
  static final char PROFILE = '\u0001';
  static final char ENTRY = '\u0002';
  static final char STUB = '\u0003';
  static final char EMPTY = '\u001c';
  static final char SAME = '\u001d';
  static final char PAIR = '\u001e';
  static final char FIELD = '\u001f';
  private static final int FIELDS = 10;
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

  private TimelineCodec() {
  }

  /** The entry of one event, every field written out (the script replaces repeated values by pointers). */
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

  /** The entries of the list's newest elements, newest first, as {@link Projection#timelineEntry} has them. */
  static List<JsonObject> decode(List<String> elements) {
    List<JsonObject> entries = new ArrayList<>(elements.size());
    String[][] values = new String[elements.size()][];
    for (int i = 0; i < elements.size(); i++) {
      String element = elements.get(i);
      if (element.isEmpty() || element.charAt(0) == PROFILE || element.charAt(0) == STUB) {
        break; // the profile, or entries kept past the cap for their ids only
      }
      if (element.charAt(0) != ENTRY) {
        entries.add(new JsonObject(element));
        continue;
      }
      String[] fields = resolve(element, i, values);
      values[i] = fields;
      entries.add(toJson(fields));
    }
    return entries;
  }

  private static String[] resolve(String element, int position, String[][] values) {
    String[] fields = new String[FIELDS];
    int from = 1;
    for (int f = 0; f < FIELDS && from <= element.length(); f++) {
      int cut = element.indexOf(FIELD, from);
      String value = element.substring(from, cut < 0 ? element.length() : cut);
      from = cut < 0 ? element.length() + 1 : cut + 1;
      if (!value.isEmpty() && value.charAt(0) == SAME) {
        int distance = value.length() == 1 ? 1 : Integer.parseInt(value.substring(1));
        fields[f] = values[position - distance][f];
      } else {
        fields[f] = value.isEmpty() ? null : value;
      }
    }
    return fields;
  }

  private static JsonObject toJson(String[] fields) {
    JsonObject entry = new JsonObject().put("id", id(fields[0])).put("type", type(fields[1]))
        .put("at", Long.parseLong(fields[2], 36)).put("url", fields[3] + (fields[4] == null ? "" : fields[4]));
    putText(entry, "page", fields[8]);
    putText(entry, "title", fields[5]);
    putText(entry, "name", fields[9]);
    if (fields[7] != null) {
      entry.put("utm", new JsonObject(fields[7]));
    }
    if (fields[6] != null) {
      entry.put("props", new JsonObject(fields[6]));
    }
    return entry;
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
