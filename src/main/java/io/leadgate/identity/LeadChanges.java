package io.leadgate.identity;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What a submission or a stage decision does to a lead, in plain Java: the lead after the change, its stage
 * history entry and its domain event. The stores only apply what this decides.
 *
 * <p>Rules: a form never moves a lead backwards (a newsletter sign-up of an existing lead leaves it a lead); junk
 * disqualifies a subscriber or lead but never one that scoring or sales moved further; a disqualified lead stays
 * disqualified until someone sets its stage; fields merge, a new non-empty value replacing the old one.
 */
public final class LeadChanges {
  public static final String CREATED = "lead.created";
  public static final String UPDATED = "lead.updated";
  public static final String DISQUALIFIED = "lead.disqualified";
  public static final String STAGE_CHANGED = "lead.stage_changed";
  /** Consents kept per lead: the newest ones; enough to prove each text and each form, bounded against a flood. */
  public static final int MAX_CONSENTS = 100;

  private LeadChanges() {
  }

  public static LeadChange conversion(Optional<Lead> existing, Conversion c, String leadId) {
    return existing.map(lead -> update(lead, c)).orElseGet(() -> create(c, leadId));
  }

  private static LeadChange create(Conversion c, String leadId) {
    boolean junk = c.junkReason() != null;
    Stage stage = junk ? Stage.DISQUALIFIED : c.stage();
    Lead lead = new Lead(leadId, c.site(), c.email().address(), stage, c.at(), c.at(), 1, nonEmpty(c.fields()),
        capped(c.consents()), c.firstTouch().copy(), junk ? c.junkReason() : null);
    StageEntry entry = new StageEntry(stage, null, c.at(), junk ? c.junkReason() : "form " + c.formId(),
        "form:" + c.formId());
    return new LeadChange(lead, 0, c.submissionId(), c.visitorId(), c.submissionTtlSeconds(), entry,
        member(c.site(), c.visitorId()), event(junk ? DISQUALIFIED : CREATED, lead, c.at(), null));
  }

  private static LeadChange update(Lead old, Conversion c) {
    Stage stage = old.stage();
    String reason = old.disqualifiedReason();
    StageEntry entry = null;
    if (c.junkReason() != null && (stage == Stage.SUBSCRIBER || stage == Stage.LEAD)) {
      entry = new StageEntry(Stage.DISQUALIFIED, stage, c.at(), c.junkReason(), "form:" + c.formId());
      stage = Stage.DISQUALIFIED;
      reason = c.junkReason();
    } else if (c.junkReason() == null && c.stage().isAfter(stage)) {
      entry = new StageEntry(c.stage(), stage, c.at(), "form " + c.formId(), "form:" + c.formId());
      stage = c.stage();
    }
    JsonObject fields = old.fields().copy();
    nonEmpty(c.fields()).forEach(e -> fields.put(e.getKey(), e.getValue()));
    JsonArray consents = old.consents().copy();
    c.consents().forEach(consents::add);
    JsonObject touch = earlier(c.firstTouch(), old.firstTouch()) ? c.firstTouch().copy() : old.firstTouch();
    Lead lead = new Lead(old.id(), old.site(), c.email().address(), stage, old.createdAt(), c.at(), old.seq() + 1,
        fields, capped(consents), touch, reason);
    String type = entry == null ? UPDATED : stage == Stage.DISQUALIFIED ? DISQUALIFIED : UPDATED;
    return new LeadChange(lead, old.seq(), c.submissionId(), c.visitorId(), c.submissionTtlSeconds(), entry,
        member(c.site(), c.visitorId()), event(type, lead, c.at(), entry));
  }

  /**
   * A stage set by scoring, sales or an operator; empty when the lead is already there. Leaving
   * {@code disqualified} forgets its reason.
   */
  public static Optional<LeadChange> stageChange(Lead old, Stage to, String reason, String by, long at) {
    if (old.stage() == to) {
      return Optional.empty();
    }
    StageEntry entry = new StageEntry(to, old.stage(), at, reason, by);
    Lead lead = new Lead(old.id(), old.site(), old.email(), to, old.createdAt(), at, old.seq() + 1, old.fields(),
        old.consents(), old.firstTouch(), to == Stage.DISQUALIFIED ? reason : null);
    String type = to == Stage.DISQUALIFIED ? DISQUALIFIED : STAGE_CHANGED;
    return Optional.of(new LeadChange(lead, old.seq(), null, null, 0, entry, null, event(type, lead, at, entry)));
  }

  /**
   * A consent given or withdrawn after the form ({@code POST /api/privacy/consent}, the snippet's {@code consent}
   * call): appended to the lead's consents, newest last, with a {@code lead.updated} event so connected CRMs hear of
   * a withdrawal. Nothing else of the lead changes.
   */
  public static LeadChange consent(Lead old, JsonObject entry, long at) {
    JsonArray consents = old.consents().copy().add(entry);
    Lead lead = new Lead(old.id(), old.site(), old.email(), old.stage(), old.createdAt(), at, old.seq() + 1,
        old.fields(), capped(consents), old.firstTouch(), old.disqualifiedReason());
    return new LeadChange(lead, old.seq(), null, null, 0, null, null, event(UPDATED, lead, at, null));
  }

  /** The outbox entry id: stable per lead and seq, so every delivery and replay of it carries the same id. */
  public static String eventId(String leadId, long seq) {
    return "evt_" + leadId + "_" + seq;
  }

  private static DomainEvent event(String type, Lead lead, long at, StageEntry entry) {
    JsonObject data = lead.toJson();
    if (entry != null) {
      data.put("from", entry.from() == null ? null : entry.from().label()).put("to", entry.stage().label());
    }
    return new DomainEvent(eventId(lead.id(), lead.seq()), type, lead.site(), lead.id(), lead.seq(), at, data);
  }

  private static boolean earlier(JsonObject candidate, JsonObject current) {
    if (candidate.isEmpty()) {
      return false;
    }
    return current.isEmpty() || candidate.getLong("at", Long.MAX_VALUE) < current.getLong("at", Long.MAX_VALUE);
  }

  private static JsonObject nonEmpty(JsonObject fields) {
    JsonObject kept = new JsonObject();
    fields.forEach(e -> {
      if (e.getValue() != null && !"".equals(e.getValue())) {
        kept.put(e.getKey(), e.getValue());
      }
    });
    return kept;
  }

  private static JsonArray capped(JsonArray consents) {
    if (consents.size() <= MAX_CONSENTS) {
      return consents;
    }
    JsonArray newest = new JsonArray();
    for (int i = consents.size() - MAX_CONSENTS; i < consents.size(); i++) {
      newest.add(consents.getValue(i));
    }
    return newest;
  }

  public static String member(String site, String visitorId) {
    return site + ":" + visitorId;
  }
}
