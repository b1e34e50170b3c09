package io.leadgate.redis;

import io.leadgate.collect.Source;
import io.leadgate.core.EventJson;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a visitor's profile, the last element of its list ({@link #encodeStored} writes it for
 * projection, {@code visitor_profile.lua} for the scripts that link and move a visitor): {@code \1}, then
 * {@code name\30value} pairs joined by {@code \31}, under short names. The first touch leaves out its landing page
 * when it is the profile's landing, and its time (the first seen); the last touch is left out while it is the first,
 * the last seen while it is the first seen. A touch leaves out its source label when its fields give the same one
 * ({@link Source#labelOf}). Touches are pairs too ({@code \30} between name and value, {@code \29} between pairs);
 * one holding a character the form uses is kept as JSON. Read back as the field names of
 * {@link io.leadgate.identity.VisitorHash}.
 */
final class ProfileCodec {
  /** Profile field (as {@code VisitorHash} names it) to its stored name; visitor_profile.lua has a copy. */
  static final Map<String, String> SHORT = Map.ofEntries(Map.entry("first_seen", "fs"), Map.entry("last_seen", "ls"),
      Map.entry("sessions", "se"), Map.entry("landing", "la"), Map.entry("first_touch", "ft"),
      Map.entry("last_touch", "lt"), Map.entry("touch_key", "tk"), Map.entry("pageviews", "pv"),
      Map.entry("downloads", "dl"), Map.entry("outbound", "ob"), Map.entry("custom", "cu"),
      Map.entry("engagement", "en"), Map.entry("forms", "fo"), Map.entry("ip", "ip"), Map.entry("lead", "ld"),
      Map.entry("linked_by", "lb"));
  private static final Map<String, String> LONG = invert(SHORT);
  /** The order the stored fields are written in. */
  private static final List<String> ORDER = List.of("fs", "ls", "se", "la", "ft", "lt", "tk", "pv",
      "dl", "ob", "cu", "en", "fo", "ip", "ld", "lb");
  private static final Map<String, String> TOUCH_SHORT = Map.of("utm_source", "us", "utm_medium", "um",
      "utm_campaign", "uc", "utm_term", "ut", "utm_content", "un", "referrer", "r", "source", "s", "landing", "l",
      "at", "a");
  private static final Map<String, String> TOUCH_LONG = invert(TOUCH_SHORT);
  static final char TOUCH_PAIR = '\u001d';

  private ProfileCodec() {
  }

  /** The stored name of a profile counter ({@code VisitorHash.counterFor}). */
  static String counter(String field) {
    return SHORT.getOrDefault(field, field);
  }

  /** A touch (source fields, landing, at) in the stored form. */
  static String touch(Map<String, Object> touch) {
    StringBuilder out = new StringBuilder(160);
    // the label is read back from the other fields (Source.labelOf): kept only if it somehow differs
    boolean derivedLabel = String.valueOf(touch.get("source")).equals(Source.labelOf(touch));
    for (Map.Entry<String, Object> field : touch.entrySet()) {
      if (derivedLabel && field.getKey().equals("source")) {
        continue;
      }
      String value = field.getKey().equals("at") ? Long.toString(((Number) field.getValue()).longValue())
          : String.valueOf(field.getValue());
      if (TimelineCodec.unsafe(value) || value.indexOf(TOUCH_PAIR) >= 0) {
        return EventJson.write(json -> EventJson.writeValue(touch, json));
      }
      if (out.length() > 0) {
        out.append(TOUCH_PAIR);
      }
      out.append(TOUCH_SHORT.getOrDefault(field.getKey(), field.getKey())).append(TimelineCodec.PAIR).append(value);
    }
    return out.toString();
  }

  /** A touch field's stored name. */
  static String shortTouchName(String name) {
    return TOUCH_SHORT.getOrDefault(name, name);
  }

  /** The profile element's fields as stored: short names, touches in the stored form. */
  static Map<String, String> decodeStored(String element) {
    Map<String, String> stored = new HashMap<>();
    for (String pair : element.substring(1).split(String.valueOf(TimelineCodec.FIELD))) {
      int cut = pair.indexOf(TimelineCodec.PAIR);
      if (cut >= 0) {
        stored.put(pair.substring(0, cut), pair.substring(cut + 1));
      }
    }
    return stored;
  }

  /** The profile element of fields as stored: the known ones in their fixed order, then any other by name. */
  static String encodeStored(Map<String, String> stored) {
    StringBuilder element = new StringBuilder(256).append(TimelineCodec.PROFILE);
    for (String name : ORDER) {
      append(element, name, stored.get(name));
    }
    new TreeMap<>(stored).forEach((name, value) -> {
      if (!ORDER.contains(name)) {
        append(element, name, value);
      }
    });
    return element.toString();
  }

  private static void append(StringBuilder element, String name, String value) {
    if (value != null) {
      if (element.length() > 1) {
        element.append(TimelineCodec.FIELD);
      }
      element.append(name).append(TimelineCodec.PAIR).append(value);
    }
  }

  /** The profile element as {@code VisitorHash} reads a profile: long names, touches as JSON. */
  static Map<String, String> decode(String element) {
    Map<String, String> stored = decodeStored(element);
    Map<String, String> profile = new HashMap<>();
    stored.forEach((name, value) -> profile.put(LONG.getOrDefault(name, name), value));
    if (stored.containsKey("fs")) {
      profile.putIfAbsent("last_seen", stored.get("fs"));
    }
    if (stored.containsKey("ft")) {
      profile.put("first_touch", touchJson(stored.get("ft"), stored.get("la"), stored.get("fs")));
      profile.put("last_touch", stored.containsKey("lt") ? touchJson(stored.get("lt"), null, null)
          : profile.get("first_touch"));
    }
    return profile;
  }

  private static String touchJson(String stored, String landing, String at) {
    if (stored.startsWith("{")) {
      return stored;
    }
    // in the order Projection makes a touch: its source fields, the label, the landing page, the time
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String pair : stored.split(String.valueOf(TOUCH_PAIR))) {
      int cut = pair.indexOf(TimelineCodec.PAIR);
      fields.put(TOUCH_LONG.getOrDefault(pair.substring(0, cut), pair.substring(0, cut)), pair.substring(cut + 1));
    }
    Map<String, Object> touch = new LinkedHashMap<>();
    fields.forEach((name, value) -> {
      if (!name.equals("source") && !name.equals("landing") && !name.equals("at")) {
        touch.put(name, value);
      }
    });
    touch.put("source", fields.containsKey("source") ? fields.get("source") : Source.labelOf(touch));
    if (fields.containsKey("landing") || landing != null) {
      // left out of the first touch when it is the profile's landing
      touch.put("landing", fields.containsKey("landing") ? fields.get("landing") : landing);
    }
    if (fields.containsKey("at") || at != null) {
      touch.put("at", Long.parseLong((String) (fields.containsKey("at") ? fields.get("at") : at)));
    }
    return new JsonObject(touch).encode();
  }

  private static Map<String, String> invert(Map<String, String> map) {
    Map<String, String> inverted = new HashMap<>();
    map.forEach((k, v) -> inverted.put(v, k));
    return inverted;
  }
}
