package io.leadgate.scoring;

import io.leadgate.core.InvalidInput;
import io.leadgate.scoring.LeadsService.Query;
import io.leadgate.scoring.ScoreStore.IndexHit;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code cursor} of a lead list page: where the next page starts, tied to the query it was made for, so that a
 * cursor of another order, stage or search text is refused rather than misread.
 */
final class LeadCursors {
  private LeadCursors() {
  }

  static String encode(IndexHit hit, Query query) {
    return base64(query.order().label() + "|" + stage(query) + "|" + hit.value() + "|" + hit.leadId());
  }

  static IndexHit decode(String cursor, Query query) {
    try {
      String[] parts = unbase64(cursor).split("\\|", -1);
      if (parts.length != 4 || !parts[0].equals(query.order().label()) || !parts[1].equals(stage(query))) {
        throw new IllegalArgumentException("cursor of another query");
      }
      return new IndexHit(parts[3], Double.parseDouble(parts[2]));
    } catch (IllegalArgumentException e) {
      throw refused();
    }
  }

  /** A page by score's cursor: the list's time, the last row listed, where the index walk resumes. */
  static String encodeByScore(LeadsByScoreNow.Position next, Query query) {
    IndexHit resume = next.resume();
    return base64(query.order().label() + "|" + stage(query) + "|" + next.at() + "|"
        + (next.score() == null ? "" : next.score()) + "|" + (next.leadId() == null ? "" : next.leadId()) + "|"
        + (resume == null ? "" : resume.value() + "|" + resume.leadId()));
  }

  static LeadsByScoreNow.Position decodeByScore(String cursor, Query query) {
    try {
      String[] parts = unbase64(cursor).split("\\|", -1);
      if (parts.length < 6 || !parts[0].equals(query.order().label()) || !parts[1].equals(stage(query))
          || parts[3].isEmpty() != parts[4].isEmpty() || parts.length != (parts[5].isEmpty() ? 6 : 7)) {
        throw new IllegalArgumentException("cursor of another query");
      }
      return new LeadsByScoreNow.Position(Long.parseLong(parts[2]),
          parts[3].isEmpty() ? null : Double.valueOf(parts[3]), parts[4].isEmpty() ? null : parts[4],
          parts[5].isEmpty() ? null : new IndexHit(parts[6], Double.parseDouble(parts[5])));
    } catch (IllegalArgumentException e) {
      throw refused();
    }
  }

  /** A search page's cursor: the search index position, after the search text it belongs to. */
  static String encodeSearch(String position, Query query) {
    return base64("q|" + stage(query) + "|" + query.q().strip() + "\0" + position);
  }

  static String decodeSearch(String cursor, Query query) {
    try {
      String text = unbase64(cursor);
      String head = "q|" + stage(query) + "|" + query.q().strip() + "\0";
      if (!text.startsWith(head)) {
        throw new IllegalArgumentException("cursor of another query");
      }
      return text.substring(head.length());
    } catch (IllegalArgumentException e) {
      throw refused();
    }
  }

  private static String stage(Query query) {
    return query.stage() == null ? "" : query.stage().label();
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unbase64(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }

  private static InvalidInput refused() {
    return InvalidInput.field("cursor", "is not a cursor of this query (use the next value of a page)");
  }
}
