package io.leadgate.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Visitor and event ids for Segment-spec messages, derived deterministically: the same {@code messageId} sent
 * again (an SDK's retry) is the same event of the same visitor, which the projection stores once.
 */
final class SegmentIds {
  private static final int MIN = 8;
  private static final int MAX = 64;

  private SegmentIds() {
  }

  /**
   * An {@code anonymousId} that is already a visitor id (the snippet's {@code _lg_v} cookie, 8 to 64 of
   * {@code [A-Za-z0-9_-]}) names that visitor, so server-side events can join a browser's; any other is hashed.
   */
  static String anonymousVisitor(String anonymousId) {
    return isVisitorId(anonymousId) ? anonymousId : "a_" + digest(anonymousId);
  }

  /** A {@code userId} is always hashed: an application's user ids (numbers, emails) are not visitor ids. */
  static String userVisitor(String userId) {
    return "u_" + digest(userId);
  }

  /** The event id of a message on one visitor (an identify may be recorded on two). */
  static String event(String messageId, String visitor) {
    return "sg_" + digest(messageId + "\n" + visitor);
  }

  private static boolean isVisitorId(String id) {
    if (id.length() < MIN || id.length() > MAX) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** 32 characters of base64url: 192 bits of SHA-256. */
  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
