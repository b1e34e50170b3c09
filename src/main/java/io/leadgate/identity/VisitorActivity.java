package io.leadgate.identity;

/**
 * What an event does to its visitor's profile beyond counting it: the rules both visitor stores follow, each in its
 * own form of the profile.
 */
public final class VisitorActivity {
  /** Event ids remembered per visitor: a browser re-sends at most its bounded queue. */
  public static final int RECENT_IDS = 200;
  private static final long DAY_MS = 86_400_000L;

  private VisitorActivity() {
  }

  /** Whether an event starts a session: the visitor's first (nothing seen yet), or one after the gap of silence. */
  public static boolean startsSession(long lastSeen, long at, long sessionGapMs) {
    return lastSeen == 0 || at - lastSeen > sessionGapMs;
  }

  /**
   * Whether an event starts the visitor's retention again: its first, or its first of a day (UTC). The TTL is
   * written once a day rather than on every event, since every write also goes to the AOF.
   */
  public static boolean renewsRetention(long lastSeen, long at) {
    return lastSeen == 0 || Math.floorDiv(at, DAY_MS) > Math.floorDiv(lastSeen, DAY_MS);
  }

  /**
   * Whether an event after the visitor's first becomes its last touch: a visit that came from somewhere, at its
   * start, or later when it came from elsewhere than the last touch (another campaign). Later pages of the same visit
   * leave it alone. (The first event's touch is the first touch, and the last too.)
   */
  public static boolean becomesLastTouch(boolean direct, boolean newSession, boolean sameSourceAsLast) {
    return !direct && (newSession || !sameSourceAsLast);
  }
}
