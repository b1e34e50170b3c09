package io.leadgate.identity;

import io.leadgate.identity.LeadSearch.Hit;
import io.leadgate.identity.SearchTokens.ByDomain;
import io.leadgate.identity.SearchTokens.ByEmail;
import io.leadgate.identity.SearchTokens.ByPrefix;
import io.leadgate.identity.SearchTokens.Query;
import io.vertx.core.Future;
import java.util.List;

/**
 * Finds a site's leads by a search text ({@link SearchTokens#query}), a page at a time, from the indexes only: an
 * exact email is one read of the email index; a domain or a word prefix one range read of {@code count} entries.
 */
public final class LeadFinder {
  private final LeadStore leads;
  private final LeadSearch search;

  public LeadFinder(LeadStore leads, LeadSearch search) {
    this.leads = leads;
    this.search = search;
  }

  /**
   * @param hits the leads of the page, in index order (a lead with two matching words may come twice)
   * @param next the position after the page, or null at the end
   */
  public record Page(List<Hit> hits, String next) {
  }

  /** @param after the {@link Page#next} of the previous page, or null for the first */
  public Future<Page> find(String site, Query query, String after, int count) {
    if (query instanceof ByEmail email) {
      return after != null ? Future.succeededFuture(new Page(List.of(), null))
          : leads.leadIdByEmail(site, email.key())
              .map(id -> new Page(id.map(i -> List.of(new Hit(i, i))).orElse(List.of()), null));
    }
    Future<List<Hit>> hits = query instanceof ByDomain domain ? search.byDomain(site, domain.domain(), after, count + 1)
        : query instanceof ByPrefix prefix ? search.byPrefix(site, prefix.prefix(), after, count + 1)
        : Future.succeededFuture(List.of());
    return hits.map(found -> found.size() <= count ? new Page(found, null)
        : new Page(found.subList(0, count), found.get(count - 1).position()));
  }

  /** Indexes the lead as it is now (after a form created or changed it). */
  public Future<Void> index(Lead lead) {
    return search.index(lead, SearchTokens.of(lead));
  }
}
