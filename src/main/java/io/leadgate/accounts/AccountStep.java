package io.leadgate.accounts;

import io.leadgate.core.DomainEvent;
import io.leadgate.scoring.AccountRules;
import io.leadgate.webhooks.LeadEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account policy, once: from an account as read and an {@link Edit} (a lead seen again, a lead gone, fields, a
 * merge), what changes. The score is {@link AccountScore}'s; the stage only moves forward, {@code none} →
 * {@code engaged} → {@code qualified}, when the score reaches the thresholds of {@code scoring.accounts}; each move,
 * join, departure, field change and merge has its history entry; {@code account.updated} tells webhooks of a changed
 * membership, fields or stage, {@code account.qualified} of the MQA. Plain Java: the stores only write the decided
 * {@link AccountChange}, compare-and-set.
 */
public final class AccountStep {
  private AccountStep() {
  }

  /**
   * One change to make.
   *
   * @param upsert     a lead as it is now (joins, or refreshes its copy); or null
   * @param remove     a lead that leaves (erased, or moved to another domain); or null
   * @param why        why it leaves, for the history
   * @param fields     firmographic fields to set (blank values ignored); or null
   * @param mergeFrom  an account declared to be this company: its leads and fields come here; or null
   * @param mergedInto this account was declared to be that domain: its leads go there (they are removed here)
   * @param by         who made the change ({@code scoring}, {@code form}, {@code api}, {@code config})
   */
  public record Edit(Member upsert, String remove, String why, JsonObject fields, Account mergeFrom, String mergedInto,
                     String by) {

    public static Edit upsert(Member member, JsonObject fields, String by) {
      return new Edit(member, null, null, fields, null, null, by);
    }

    public static Edit remove(String leadId, String why, String by) {
      return new Edit(null, leadId, why, null, null, null, by);
    }
  }

  /**
   * @param account the account after the edit (or as read, when nothing changes); null when there is none
   * @param change  what to write; null when nothing changes
   */
  public record Decision(Account account, AccountScore score, AccountChange change) {
  }

  public static Decision decide(Account read, String site, String domain, Edit edit, AccountRules rules,
                                long halfLifeMs, long now) {
    Account before = read != null ? read : Account.empty(site, domain, now);
    Map<String, Member> members = new LinkedHashMap<>(before.members());
    JsonObject fields = before.fields().copy();
    List<String> merged = new ArrayList<>(before.merged());
    String mergedInto = before.mergedInto();
    List<AccountEntry> history = new ArrayList<>();
    List<String> joined = new ArrayList<>();
    List<String> left = new ArrayList<>();
    boolean told = false;
    boolean changed = false;

    Member stale = edit.upsert() == null ? null : members.get(edit.upsert().leadId());
    if (edit.upsert() != null && (stale == null || stale.version() <= edit.upsert().version())) {
      Member m = edit.upsert();
      Member old = members.put(m.leadId(), m);
      if (old == null) {
        joined.add(m.leadId());
        // the lead id only: the history outlives an erased lead, so it holds no person's data
        history.add(new AccountEntry(now, "joined", "lead " + m.leadId() + " joined", m.leadId(), null, edit.by()));
        told = true;
      } else if (!old.stage().equals(m.stage())) {
        told = true;
      }
      changed |= !m.equals(old);
    }
    if (edit.remove() != null && members.remove(edit.remove()) != null) {
      left.add(edit.remove());
      history.add(new AccountEntry(now, "left", "lead " + edit.remove() + " left: " + edit.why(), edit.remove(), null,
          edit.by()));
      told = changed = true;
    }
    if (edit.mergeFrom() != null) {
      Account from = edit.mergeFrom();
      int moved = 0;
      for (Member m : from.members().values()) {
        if (members.putIfAbsent(m.leadId(), m) == null) {
          joined.add(m.leadId());
          moved++;
        }
      }
      fillMissing(fields, from.fields());
      if (!merged.contains(from.domain())) {
        merged.add(from.domain());
        history.add(new AccountEntry(now, "merged", from.domain() + " was declared the same company: " + moved
            + " lead(s) and its history moved here", null, null, edit.by()));
        told = changed = true;
      }
      changed |= moved > 0;
    }
    if (edit.mergedInto() != null && !edit.mergedInto().equals(mergedInto)) {
      mergedInto = edit.mergedInto();
      left.addAll(members.keySet());
      history.add(new AccountEntry(now, "merged", "declared the same company as " + mergedInto + ": its "
          + members.size() + " lead(s) moved there", null, null, edit.by()));
      members.clear();
      told = changed = true;
    }
    if (edit.fields() != null) {
      List<String> set = setFields(fields, edit.fields());
      if (!set.isEmpty()) {
        history.add(new AccountEntry(now, "fields", "set " + String.join(", ", set), null, null, edit.by()));
        told = changed = true;
      }
    }
    trim(members, left);

    Account draft = new Account(site, domain, fields, before.stage(), before.version(), before.seq(),
        before.createdAt(), now, members, merged, mergedInto);
    AccountScore score = AccountScore.of(draft, rules, halfLifeMs, now);
    List<AccountStage> moves = moves(before.stage(), score.total(), rules);
    AccountStage stage = before.stage();
    for (AccountStage to : moves) {
      history.add(new AccountEntry(now, "stage", "score " + number(score.total()) + " reached the " + to.label()
          + " threshold " + number(to == AccountStage.QUALIFIED ? rules.qualified() : rules.engaged()), null,
          to.label(), "scoring"));
      stage = to;
    }
    if (!changed && moves.isEmpty()) {
      return new Decision(read, score, null);
    }
    long seq = before.seq();
    List<DomainEvent> events = new ArrayList<>();
    Account after = new Account(site, domain, fields, stage, before.version() + 1, seq, before.createdAt(), now,
        members, merged, mergedInto);
    if (told || !moves.isEmpty()) {
      seq++;
      events.add(event(after, seq, LeadEvents.ACCOUNT_UPDATED, score, now, null));
    }
    if (moves.contains(AccountStage.QUALIFIED)) {
      seq++;
      events.add(event(after, seq, LeadEvents.ACCOUNT_QUALIFIED, score, now, before.stage()));
    }
    after = new Account(site, domain, fields, stage, before.version() + 1, seq, before.createdAt(), now, members,
        merged, mergedInto);
    long activity = members.values().stream().mapToLong(Member::activity).max().orElse(0);
    return new Decision(after, score, new AccountChange(before.version(), after, history, events, score.total(),
        activity, joined, left));
  }

  /** Forward moves only: a person's MQA is not taken back by decay. */
  static List<AccountStage> moves(AccountStage from, double score, AccountRules rules) {
    List<AccountStage> moves = new ArrayList<>();
    if (from == AccountStage.NONE && score >= rules.engaged()) {
      moves.add(AccountStage.ENGAGED);
    }
    if (from != AccountStage.QUALIFIED && score >= rules.qualified()) {
      moves.add(AccountStage.QUALIFIED);
    }
    return moves;
  }

  /** The event's data: the account, its leads, its score; {@code from}/{@code to} for a qualification. */
  static DomainEvent event(Account account, long seq, String type, AccountScore score, long now, AccountStage from) {
    JsonArray leads = new JsonArray();
    account.members().values().forEach(m -> leads.add(new JsonObject().put("id", m.leadId()).put("email", m.email())
        .put("stage", m.stage())));
    JsonObject data = new JsonObject().put("domain", account.domain()).put("site", account.site())
        .put("stage", account.stage().label()).put("score", score.total()).put("fields", account.fields().copy())
        .put("leads", leads);
    if (from != null) {
      data.put("from", from.label()).put("to", AccountStage.QUALIFIED.label());
    }
    return new DomainEvent(eventId(account, seq), type, account.site(), account.ref(), seq, now, data);
  }

  /**
   * {@code evt_acct_<24 hex digits of SHA-256 of the reference>_<seq>}: stable, and free of the dots a domain has (a
   * Standard Webhooks id may not hold a '.': the signature joins id, time and body with them).
   */
  static String eventId(Account account, long seq) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(account.ref().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "evt_acct_" + java.util.HexFormat.of().formatHex(digest, 0, 12) + "_" + seq;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static List<String> setFields(JsonObject fields, JsonObject update) {
    List<String> set = new ArrayList<>();
    for (String name : update.fieldNames()) {
      Object value = update.getValue(name);
      if (value == null || String.valueOf(value).isBlank()) {
        continue;
      }
      if (!value.equals(fields.getValue(name))) {
        fields.put(name, value);
        set.add(name);
      }
    }
    return set;
  }

  private static void fillMissing(JsonObject fields, JsonObject from) {
    for (String name : from.fieldNames()) {
      if (!fields.containsKey(name)) {
        fields.put(name, from.getValue(name));
      }
    }
  }

  /** Keeps the {@link Account#MAX_MEMBERS} most recently active leads. */
  private static void trim(Map<String, Member> members, List<String> left) {
    if (members.size() <= Account.MAX_MEMBERS) {
      return;
    }
    members.values().stream().sorted(Comparator.comparingLong(Member::activity))
        .limit(members.size() - Account.MAX_MEMBERS).map(Member::leadId).toList()
        .forEach(id -> {
          members.remove(id);
          left.add(id);
        });
  }

  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
