package io.leadgate.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each value of a visitor's newest timeline entries once, in the newest entry holding it: an older entry
 * holding it points to the nearest newer one ({@code \29} and the distance), and the compact form leaves the type,
 * time, origin and props out when they are the next newer entry's ({@link TimelineCodec}). Values never change,
 * only how they are written, so entries past the window that point into it still read the same.
 */
final class TimelineSharing {
  /** The newest stored entries a new one may point to for a value they share. */
  static final int WINDOW = 16;
  private static final int COMPACT = TimelineCodec.COMPACT;
  private static final int SNIPPET_ID = 16;
  /** Field (1-based, the id first) left out of a compact entry, and its bit. */
  private static final int[][] OMITTED = {{2, 1}, {3, 2}, {4, 4}, {7, 8}};
  private static final String POINTER = String.valueOf(TimelineCodec.SAME);

  private TimelineSharing() {
  }

  /**
   * Shares the values of a call's new entries and of the newest stored ones.
   *
   * @param fresh  the new entries, oldest first ({@link TimelineCodec#encode}); each is replaced by its compact form
   * @param recent the list's newest elements before the new ones (the profile among them when the list is short)
   * @param first  the index in {@code fresh} of the visitor's first entry, or -1: its URL and utm tags are the
   *               profile's landing and first touch, written {@code \30}
   * @return the stored entries whose form changed: their index in {@code recent}, and their new form
   */
  static Map<Integer, String> share(List<String> fresh, List<String> recent, int first) {
    int count = fresh.size();
    int size = count + Math.min(recent.size(), WINDOW);
    List<String> chain = new ArrayList<>(size + 1);
    chain.add(null); // positions from 1, newest first: the distances count from there
    for (int i = count - 1; i >= 0; i--) {
      chain.add(fresh.get(i));
    }
    chain.addAll(recent.subList(0, size - count));
    List<String>[] values = newValues(size + 1);
    List<Map<String, Integer>> nearest = new ArrayList<>();
    int landing = first < 0 ? -1 : count - first;
    Map<Integer, String> rewritten = new HashMap<>();
    for (int i = 1; i <= size; i++) {
      String entry = chain.get(i);
      List<String> fields = split(entry);
      if (fields == null) {
        continue; // not an entry of these forms (the profile, a stub, JSON): left as it is, counted in distances
      }
      List<String> written = new ArrayList<>(fields.size());
      String id = fields.get(0);
      int bits = 0;
      if (id.length() == 23 && id.charAt(0) == '~' && ascii(id)) {
        written.add(id.substring(1));
        bits = SNIPPET_ID;
      } else {
        written.add(id);
      }
      for (int f = 2; f <= fields.size(); f++) {
        String value = fields.get(f - 1);
        if (!value.isEmpty() && value.charAt(0) == TimelineCodec.SAME) {
          int target = i - distance(value);
          List<String> held = target >= 1 ? values[target] : null;
          if (held == null) {
            written = null; // not ours to understand: left as it is
            break;
          }
          value = f <= held.size() ? held.get(f - 1) : "";
        }
        fields.set(f - 1, value);
        while (nearest.size() <= f) {
          nearest.add(null);
        }
        Map<String, Integer> holders = nearest.get(f);
        Integer holder = !value.isEmpty() && holders != null ? holders.get(value) : null;
        String out = value;
        if (holder != null) {
          int bit = omittedBit(f);
          if (i - holder == 1 && bit != 0) {
            bits += bit;
            out = null;
          } else {
            out = i - holder == 1 ? POINTER : POINTER + (i - holder);
          }
        } else if (i == landing && (f == 5 || f == 8) && !value.isEmpty()) {
          out = String.valueOf(TimelineCodec.PAIR);
        }
        if (out != null) {
          written.add(out);
        }
        if (holders == null) {
          holders = new HashMap<>();
          nearest.set(f, holders);
        }
        holders.put(value, i);
      }
      if (written == null) {
        continue;
      }
      values[i] = fields;
      String encoded = (char) (COMPACT + bits) + String.join(String.valueOf(TimelineCodec.FIELD), written);
      if (i <= count) {
        fresh.set(count - i, encoded);
      } else if (!encoded.equals(entry)) {
        rewritten.put(i - count - 1, encoded);
      }
    }
    return rewritten;
  }

  @SuppressWarnings("unchecked")
  private static List<String>[] newValues(int size) {
    return (List<String>[]) new List[size];
  }

  /** A pointer's distance: {@code \29} alone is 1. */
  private static int distance(String pointer) {
    if (pointer.length() == 1) {
      return 1;
    }
    try {
      return Integer.parseInt(pointer.substring(1));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static int omittedBit(int field) {
    for (int[] omitted : OMITTED) {
      if (omitted[0] == field) {
        return omitted[1];
      }
    }
    return 0;
  }

  /** An entry's fields ({@code \2} or compact), pointers as written; null for another kind of element. */
  static List<String> split(String entry) {
    if (entry.isEmpty()) {
      return null;
    }
    int lead = entry.charAt(0);
    if (lead != TimelineCodec.ENTRY && !(lead >= COMPACT && lead < COMPACT + 32)) {
      return null;
    }
    List<String> fields = new ArrayList<>(12);
    int from = 1;
    while (true) {
      int cut = entry.indexOf(TimelineCodec.FIELD, from);
      fields.add(entry.substring(from, cut < 0 ? entry.length() : cut));
      if (cut < 0) {
        break;
      }
      from = cut + 1;
    }
    if (lead == TimelineCodec.ENTRY) {
      return fields;
    }
    int bits = lead - COMPACT;
    if (bits >= SNIPPET_ID) {
      fields.set(0, "~" + fields.get(0));
    }
    for (int[] omitted : OMITTED) {
      if (bits % (2 * omitted[1]) >= omitted[1]) {
        // in the order of the fields: each lands where it belongs
        fields.add(Math.min(omitted[0] - 1, fields.size()), POINTER);
      }
    }
    return fields;
  }

  /**
   * The event id an element holds, as entries hold it ({@link TimelineCodec#storedId}; a JSON entry of a build
   * before holds it as sent), or null for an element that holds none (the profile).
   */
  static String entryId(String element) {
    if (element.isEmpty()) {
      return null;
    }
    int lead = element.charAt(0);
    boolean plain = lead == TimelineCodec.ENTRY || lead == TimelineCodec.STUB
        || lead >= COMPACT && lead < COMPACT + SNIPPET_ID;
    boolean bare = lead >= COMPACT + SNIPPET_ID && lead < COMPACT + 32;
    if (plain || bare) {
      int cut = element.indexOf(TimelineCodec.FIELD, 1);
      String id = element.substring(1, cut < 0 ? element.length() : cut);
      return bare ? "~" + id : id;
    }
    if (element.startsWith("{\"id\":\"")) {
      int end = element.indexOf('"', 7);
      return end < 0 ? null : element.substring(7, end);
    }
    return null;
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }
}
