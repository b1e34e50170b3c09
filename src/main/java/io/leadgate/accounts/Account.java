package io.leadgate.accounts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A company on a site: the leads whose email domain is its domain, and its firmographic fields. Stored whole as one
 * JSON value with its {@code version} (the compare-and-set of {@link AccountStore#write}); its history beside it.
 *
 * @param domain    the registrable domain that keys it ({@link AccountDomains})
 * @param fields    firmographic fields ({@code company}, {@code website}, {@code size}, {@code industry},
 *                  {@code country}, ...), the newest non-empty value of each
 * @param version   +1 per write
 * @param seq       +1 per event told to webhooks ({@code account.updated}, {@code account.qualified}): their order
 * @param members   lead id → the lead as the account last saw it, at most {@link #MAX_MEMBERS}
 * @param merged    domains declared to be this company whose leads were moved here
 * @param mergedInto the domain this one was declared to be (its leads moved there, and new ones go there); or null
 */
public record Account(String site, String domain, JsonObject fields, AccountStage stage, long version, long seq,
                      long createdAt, long updatedAt, Map<String, Member> members, List<String> merged,
                      String mergedInto) {
  /**
   * Leads an account keeps (the most recently active): a company with more people than this on one site is scored
   * on its most active ones, and the state every write rewrites stays small.
   */
  public static final int MAX_MEMBERS = 200;

  public Account {
    members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    merged = List.copyOf(merged);
  }

  public static Account empty(String site, String domain, long now) {
    return new Account(site, domain, new JsonObject(), AccountStage.NONE, 0, 0, now, now, Map.of(), List.of(),
        null);
  }

  /** What webhooks and webhook receivers' field mappings see as the reference of the account ("lead" slot). */
  public String ref() {
    return ref(site, domain);
  }

  /**
   * The account's reference, {@code site/domain}: the outbox and webhook queues keep an account's events in order
   * under it, on the shard {@code core.Shards.ofLead(ref)}, where its own keys are too.
   */
  public static String ref(String site, String domain) {
    return site + "/" + domain;
  }

  public JsonObject toJson() {
    JsonArray leads = new JsonArray();
    members.values().forEach(m -> leads.add(m.toJson()));
    return new JsonObject().put("site", site).put("domain", domain).put("fields", fields.copy())
        .put("stage", stage.label()).put("version", version).put("seq", seq).put("created_at", createdAt)
        .put("updated_at", updatedAt).put("members", leads).put("merged", new JsonArray(new ArrayList<>(merged)))
        .put("merged_into", mergedInto);
  }

  public static Account fromJson(JsonObject json) {
    Map<String, Member> members = new LinkedHashMap<>();
    JsonArray leads = json.getJsonArray("members", new JsonArray());
    for (int i = 0; i < leads.size(); i++) {
      Member m = Member.fromJson(leads.getJsonObject(i));
      members.put(m.leadId(), m);
    }
    List<String> merged = new ArrayList<>();
    json.getJsonArray("merged", new JsonArray()).forEach(d -> merged.add(String.valueOf(d)));
    return new Account(json.getString("site"), json.getString("domain"), json.getJsonObject("fields", new JsonObject()),
        AccountStage.parse(json.getString("stage", "none")).orElse(AccountStage.NONE), json.getLong("version", 0L),
        json.getLong("seq", 0L), json.getLong("created_at", 0L), json.getLong("updated_at", 0L), members, merged,
        json.getString("merged_into"));
  }
}
