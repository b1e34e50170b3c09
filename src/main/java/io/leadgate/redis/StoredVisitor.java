package io.leadgate.redis;

import io.leadgate.identity.VisitorActivity;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One visitor's list as {@code visitor_state.lua} read it, and what a call's events change in it, decided here
 * rather than in a script: Redis runs scripts on its one thread, and the intake's writes wait behind them
 * (docs/benchmarks.md). {@code apply_visitor_events.lua} then writes the result, if the list has not changed since.
 *
 * <p>The list: timeline entries newest first ({@link TimelineCodec}), the profile last ({@link ProfileCodec}).
 * An event is recorded at most once per id: the ids of the newest 200 entries are remembered. The rules of sessions,
 * touches and retention are {@link VisitorActivity}'s.
 */
final class StoredVisitor {
  static final int RECENT = VisitorActivity.RECENT_IDS;

  private final long length;
  private final String tail;
  private final List<String> recent;
  private final Map<String, String> profile;
  private final Set<String> ids = new HashSet<>();
  /** Ids of the stored entries, as entries hold them; and as sent, for the JSON entries of older builds. */
  private Set<String> storedIds;
  private Set<String> sentIds;
  private final List<String> timeline = new ArrayList<>();
  private long last;
  private boolean renew;
  /** The index (0-based, oldest first) in {@link #timeline} of the visitor's first entry, if it is one of them. */
  private int first = -1;
  /** The source of the last touch, once read: {@link #touchSource}. */
  private String source;

  /**
   * @param length the list's length, its profile included
   * @param tail   its last element, the profile ('' for a new visitor)
   * @param recent its newest elements, up to {@link #RECENT}
   * @param oldIds the recent ids of a visitor of the old form, moved by the read
   */
  StoredVisitor(long length, String tail, List<String> recent, List<String> oldIds) {
    this.length = length;
    this.tail = tail;
    this.recent = recent;
    this.profile = tail.isEmpty() ? new HashMap<>() : ProfileCodec.decodeStored(tail);
    this.ids.addAll(oldIds);
    this.last = Long.parseLong(profile.getOrDefault("ls", profile.getOrDefault("fs", "0")));
  }

  String lead() {
    return profile.get("ld");
  }

  /** Whether the event is new to this visitor: not among the ids remembered, nor one of this call's. */
  boolean fresh(String id, String sent) {
    if (ids.contains(id) || ids.contains(sent) || stored(id, sent)) {
      return false;
    }
    ids.add(id);
    return true;
  }

  private boolean stored(String id, String sent) {
    if (storedIds == null) {
      storedIds = new HashSet<>();
      sentIds = new HashSet<>();
      for (String element : recent) {
        String held = TimelineSharing.entryId(element);
        if (held != null) {
          (element.charAt(0) == '{' ? sentIds : storedIds).add(held);
        }
      }
    }
    return storedIds.contains(id) || sentIds.contains(sent);
  }

  /**
   * Records one fresh event on the profile and the timeline.
   *
   * @param entry   its timeline entry ({@link TimelineCodec#encode})
   * @param touch   its touch ({@link ProfileCodec#touch})
   * @param counter the profile counter it bumps (stored name)
   * @param ip      its address, or '' when not kept
   * @param direct  whether it came from no source
   * @return whether it started a session (the first event, or after the session gap)
   */
  boolean record(long at, long sessionGapMs, String url, String entry, String touch, String counter, String ip,
                 boolean direct) {
    String time = Long.toString(at);
    long before = last;
    boolean newSession = VisitorActivity.startsSession(before, at, sessionGapMs);
    if (before == 0) {
      profile.put("fs", time);
      profile.put("se", "1");
      profile.put("la", url);
      profile.put("ft", firstTouch(touch, url, time));
      if (length == (tail.isEmpty() ? 0 : 1)) {
        // its entry will lie just before the profile (for as long as it is kept whole), where a read finds both
        first = timeline.size();
      }
      profile.remove("lt"); // the same as the first
    } else if (newSession) {
      profile.put("se", increment(profile.get("se")));
    }
    renew |= VisitorActivity.renewsRetention(before, at);
    if (at > before) {
      last = at;
      profile.put("ls", time);
    }
    profile.remove("tk"); // the source of the last touch, kept by builds before: read from the touch itself now
    if (before != 0 && !direct) {
      if (!newSession && source == null) {
        source = touchSource(profile.getOrDefault("lt", profile.getOrDefault("ft", "")));
      }
      String from = touchSource(touch);
      if (VisitorActivity.becomesLastTouch(direct, newSession, from.equals(source))) {
        profile.put("lt", touch);
        source = from;
      }
    }
    profile.put(counter, increment(profile.get(counter)));
    if (!ip.isEmpty() && !ip.equals(profile.get("ip"))) {
      profile.put("ip", ip);
    }
    timeline.add(entry);
    return newSession;
  }

  boolean changed() {
    return !timeline.isEmpty();
  }

  /** The arguments of {@code apply_visitor_events.lua} for this visitor, after {@link #changed}. */
  void writes(long ttlSeconds, int timelineMax, List<String> args) {
    if (profile.containsKey("ls") && profile.get("ls").equals(profile.get("fs"))) {
      profile.remove("ls"); // read as the first
    }
    int count = timeline.size();
    Map<Integer, String> rewritten = TimelineSharing.share(timeline, recent, first);
    long entries = length - (tail.isEmpty() ? 0 : 1) + count;
    if (entries > timelineMax && timelineMax < RECENT) {
      stubPastCap(timelineMax, (int) Math.min(entries, RECENT), rewritten);
    }
    int keep = kept(entries, timelineMax);
    args.add(Long.toString(length));
    args.add(recent.isEmpty() ? "" : recent.get(0));
    args.add(tail);
    args.add(Integer.toString(count));
    args.addAll(timeline);
    List<Integer> stored = new ArrayList<>();
    for (int k : rewritten.keySet()) {
      if (keep == 0 || k + count < keep) {
        stored.add(k);
      }
    }
    args.add(Integer.toString(stored.size()));
    for (int k : stored) {
      args.add(Integer.toString(k + count));
      args.add(rewritten.get(k));
    }
    args.add(ProfileCodec.encodeStored(profile));
    args.add(Integer.toString(keep));
    // anonymous visitors are forgotten after the site's retention, renewed on their first event of a day; a lead's
    // history is kept
    args.add(renew && !profile.containsKey("ld") ? Long.toString(ttlSeconds) : "0");
  }

  /**
   * Past the cap, entries keep their id only (a stub) until they are no longer among the newest {@link #RECENT}:
   * positions {@code from} to {@code to} of the list after the new entries, which are new ones or stored ones.
   */
  private void stubPastCap(int from, int to, Map<Integer, String> rewritten) {
    int count = timeline.size();
    for (int at = from; at < to; at++) {
      String element = at < count ? timeline.get(count - 1 - at)
          : rewritten.getOrDefault(at - count, recent.get(at - count));
      if (element.isEmpty() || element.charAt(0) != TimelineCodec.STUB) {
        String id = TimelineSharing.entryId(element);
        String stub = TimelineCodec.STUB + (id == null ? "" : id);
        if (at < count) {
          timeline.set(count - 1 - at, stub);
        } else {
          rewritten.put(at - count, stub);
        }
      }
    }
  }

  /** How many entries the list keeps past the cap (older ones go, the profile stays last), or 0 to keep all. */
  private static int kept(long entries, int timelineMax) {
    int keep = Math.max(timelineMax, RECENT);
    return entries > keep ? keep : 0;
  }

  private static String increment(String count) {
    return Long.toString((count == null ? 0 : Long.parseLong(count)) + 1);
  }

  /**
   * The first touch without its landing page when that is the visitor's landing, and without its time, the
   * visitor's first ({@link ProfileCodec} puts them back).
   */
  static String firstTouch(String touch, String url, String at) {
    String landing = ProfileCodec.TOUCH_PAIR + "l" + TimelineCodec.PAIR + url + ProfileCodec.TOUCH_PAIR;
    int from = touch.indexOf(landing);
    if (from >= 0) {
      touch = touch.substring(0, from) + touch.substring(from + landing.length() - 1);
    }
    String time = ProfileCodec.TOUCH_PAIR + "a" + TimelineCodec.PAIR + at;
    if (touch.endsWith(time)) {
      touch = touch.substring(0, touch.length() - time.length());
    }
    return touch;
  }

  /**
   * Where a touch came from: its fields but its landing, its time and its label (the other fields give it), in one
   * text, the same for the same source whichever form the touch is kept in.
   */
  static String touchSource(String touch) {
    Map<String, String> fields = new TreeMap<>();
    if (touch.startsWith("{")) {
      new JsonObject(touch).forEach(field ->
          fields.put(ProfileCodec.shortTouchName(field.getKey()), String.valueOf(field.getValue())));
    } else {
      for (String pair : touch.split(String.valueOf(ProfileCodec.TOUCH_PAIR))) {
        int cut = pair.indexOf(TimelineCodec.PAIR);
        if (cut >= 0) {
          fields.put(pair.substring(0, cut), pair.substring(cut + 1));
        }
      }
    }
    fields.remove("l");
    fields.remove("a");
    fields.remove("s");
    StringBuilder out = new StringBuilder();
    fields.forEach((name, value) -> {
      if (out.length() > 0) {
        out.append(ProfileCodec.TOUCH_PAIR);
      }
      out.append(name).append(TimelineCodec.PAIR).append(value);
    });
    return out.toString();
  }
}
