package io.leadgate.memory;

import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.SearchTokens;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** The search indexes in this process: sorted sets as on Redis ({@code index_lead_search.lua}), one lock. */
final class MemoryLeadSearch implements LeadSearch {
  private static final char END = '\uffff';
  private final Map<String, TreeSet<String>> words = new HashMap<>();
  private final Map<String, TreeSet<String>> domains = new HashMap<>();
  private final Map<String, Indexed> indexed = new HashMap<>();
  private final java.util.Set<String> backfilled = new java.util.HashSet<>();

  @Override
  public synchronized Future<Void> index(Lead lead, List<String> leadWords) {
    Indexed before = indexed.get(lead.id());
    if (before != null && before.seq > lead.seq()) {
      return Future.succeededFuture();
    }
    TreeSet<String> siteWords = words.computeIfAbsent(lead.site(), k -> new TreeSet<>());
    if (before != null) {
      before.words.forEach(w -> siteWords.remove(w + '\0' + lead.id()));
    }
    leadWords.forEach(w -> siteWords.add(w + '\0' + lead.id()));
    SearchTokens.domainOf(lead.email()).ifPresent(domain ->
        domains.computeIfAbsent(lead.site() + ":" + domain, k -> new TreeSet<>()).add(lead.id()));
    indexed.put(lead.id(), new Indexed(lead.seq(), List.copyOf(leadWords)));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> remove(String site, String leadId, String domain) {
    Indexed before = indexed.remove(leadId);
    TreeSet<String> siteWords = words.get(site);
    if (before != null && siteWords != null) {
      before.words.forEach(w -> siteWords.remove(w + '\0' + leadId));
    }
    if (domain != null && domains.containsKey(site + ":" + domain)) {
      domains.get(site + ":" + domain).remove(leadId);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<Hit>> byDomain(String site, String domain, String after, int count) {
    TreeSet<String> ids = domains.getOrDefault(site + ":" + domain, new TreeSet<>());
    NavigableSet<String> range = after == null ? ids : ids.tailSet(after, false);
    return Future.succeededFuture(range.stream().limit(count).map(id -> new Hit(id, id)).toList());
  }

  @Override
  public synchronized Future<List<Hit>> byPrefix(String site, String prefix, String after, int count) {
    TreeSet<String> siteWords = words.getOrDefault(site, new TreeSet<>());
    String from = after == null || after.compareTo(prefix) < 0 ? prefix : after;
    String to = prefix + END;
    if (from.compareTo(to) >= 0) {
      // a cursor past the prefix's range (altered by hand): nothing more, as ZRANGEBYLEX answers
      return Future.succeededFuture(List.of());
    }
    NavigableSet<String> range = siteWords.subSet(from, after == null || from.equals(prefix), to, false);
    List<Hit> hits = new ArrayList<>();
    for (String member : range) {
      if (hits.size() == count) {
        break;
      }
      hits.add(new Hit(member.substring(member.indexOf('\0') + 1), member));
    }
    return Future.succeededFuture(hits);
  }

  @Override
  public synchronized Future<Boolean> backfilled(String site) {
    return Future.succeededFuture(backfilled.contains(site));
  }

  @Override
  public synchronized Future<Void> markBackfilled(String site) {
    backfilled.add(site);
    return Future.succeededFuture();
  }

  private record Indexed(long seq, List<String> words) {
  }
}
