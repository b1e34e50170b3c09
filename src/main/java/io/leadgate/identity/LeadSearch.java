package io.leadgate.identity;

import io.vertx.core.Future;
import java.util.List;

/**
 * The indexes that find a site's leads by what a salesperson types (besides the email index of {@link
 * io.leadgate.identity.LeadStore#leadIdByEmail}): by email domain and by the words of a lead's name and company. Every
 * read is an ordered range read of at most {@code count} entries: no query looks at leads that do not match.
 *
 * <p>Written after a lead is created or its fields change, idempotently: an entry carrying an older {@link Lead#seq}
 * than the one indexed is ignored, and a newer one replaces every word the lead was indexed under before.
 */
public interface LeadSearch {

  /** Indexes the lead under its email domain and {@link SearchTokens#of its words}, replacing older words. */
  Future<Void> index(Lead lead, List<String> words);

  /** Erasure: takes the lead out of every word and of its email domain's set. Idempotent. */
  Future<Void> remove(String site, String leadId, String domain);

  /** Leads of the site at this email domain, in lead id order, after {@code after} (a position; null: the start). */
  Future<List<Hit>> byDomain(String site, String domain, String after, int count);

  /** Leads of the site with a word starting with {@code prefix}, in word order, after {@code after}. */
  Future<List<Hit>> byPrefix(String site, String prefix, String after, int count);

  /** Whether the site's leads made before the search indexes existed are indexed ({@link LeadBackfill#search}). */
  Future<Boolean> backfilled(String site);

  Future<Void> markBackfilled(String site);

  /**
   * One entry of an index.
   *
   * @param position where a next page starts after this entry (opaque to callers)
   */
  record Hit(String leadId, String position) {
  }
}
