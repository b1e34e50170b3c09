package io.leadgate.redis;

import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.SearchTokens;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The search indexes on Redis, under the site's {@code {q:SITE}} tag: sorted sets whose members all score 0, so that
 * {@code ZRANGEBYLEX ... LIMIT 0 count} reads a page in O(log N + count); {@code index_lead_search.lua} writes them.
 */
final class RedisLeadSearch implements LeadSearch {
  static final LuaScript INDEX = LuaScript.load("index_lead_search");
  /** Above every byte of UTF-8 text: the exclusive end of a prefix range. */
  private static final byte[] END = {(byte) 0xff};
  private final RedisClient redis;

  RedisLeadSearch(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> index(Lead lead, List<String> words) {
    String domain = SearchTokens.domainOf(lead.email()).orElse("");
    List<String> args = new ArrayList<>(List.of(lead.id(), Long.toString(lead.seq())));
    args.addAll(words);
    return redis.eval("index_lead_search", INDEX, List.of(RedisKeys.searchIndexed(lead.site()),
        RedisKeys.searchWords(lead.site()), RedisKeys.searchDomain(lead.site(), domain)), args).mapEmpty();
  }

  @Override
  public Future<Boolean> backfilled(String site) {
    return redis.send("search_backfilled", Request.cmd(Command.EXISTS).arg(RedisKeys.searchBackfilled(site)))
        .map(reply -> reply.toInteger() == 1);
  }

  @Override
  public Future<Void> markBackfilled(String site) {
    return redis.send("search_backfilled", Request.cmd(Command.SET).arg(RedisKeys.searchBackfilled(site))
        .arg("1")).mapEmpty();
  }

  @Override
  public Future<List<Hit>> byDomain(String site, String domain, String after, int count) {
    Request request = Request.cmd(Command.ZRANGEBYLEX).arg(RedisKeys.searchDomain(site, domain))
        .arg(after == null ? "-" : "(" + after).arg("+").arg("LIMIT").arg(0).arg(count);
    return redis.send("search_domain", request).map(reply -> {
      List<Hit> hits = new ArrayList<>();
      reply.forEach(id -> hits.add(new Hit(id.toString(), id.toString())));
      return hits;
    });
  }

  @Override
  public Future<List<Hit>> byPrefix(String site, String prefix, String after, int count) {
    String from = after == null || after.compareTo(prefix) < 0 ? "[" + prefix : "(" + after;
    Request request = Request.cmd(Command.ZRANGEBYLEX).arg(RedisKeys.searchWords(site)).arg(from)
        .arg(Buffer.buffer("(" + prefix).appendBytes(END)).arg("LIMIT").arg(0).arg(count);
    return redis.send("search_words", request).map(reply -> {
      List<Hit> hits = new ArrayList<>();
      for (Response member : reply) {
        String text = member.toString();
        hits.add(new Hit(text.substring(text.indexOf('\0') + 1), text));
      }
      return hits;
    });
  }

  static final LuaScript UNINDEX = LuaScript.load("unindex_lead_search");

  @Override
  public Future<Void> remove(String site, String leadId, String domain) {
    return redis.eval("unindex_lead_search", UNINDEX, List.of(RedisKeys.searchIndexed(site),
        RedisKeys.searchWords(site), RedisKeys.searchDomain(site, domain == null ? "-" : domain)), List.of(leadId))
        .mapEmpty();
  }
}
