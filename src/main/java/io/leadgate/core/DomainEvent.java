package io.leadgate.core;

import io.vertx.core.json.JsonObject;

/**
 * A change to a lead that the outside world is told of (webhooks): written to the outbox in the same atomic
 * step as the change itself.
 *
 * @param id     stable event id (the {@code webhook-id} every delivery and replay carries)
 * @param type   {@code lead.created}, {@code lead.updated}, {@code lead.stage_changed}, {@code lead.disqualified}
 * @param site   site key
 * @param leadId the lead
 * @param seq    the lead's own sequence number: 1, 2, 3... in the order its changes happened
 * @param at     when it happened, ms since epoch
 * @param data   the payload: the lead as it is after the change, plus {@code from}/{@code to} for stage changes
 */
public record DomainEvent(String id, String type, String site, String leadId, long seq, long at, JsonObject data) {

  /** The stream entry's fields, in the order Lua scripts write them (see docs/redis.md, outbox). */
  public static final java.util.List<String> FIELDS = java.util.List.of("id", "type", "site", "lead", "seq", "at", "data");

  public static DomainEvent fromFields(java.util.Map<String, String> fields) {
    return new DomainEvent(fields.get("id"), fields.get("type"), fields.get("site"), fields.get("lead"),
        Long.parseLong(fields.getOrDefault("seq", "0")), Long.parseLong(fields.getOrDefault("at", "0")),
        new JsonObject(fields.getOrDefault("data", "{}")));
  }
}
