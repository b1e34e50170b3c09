package io.leadgate.accounts;

import io.vertx.core.json.JsonObject;

/**
 * One line of an account's history.
 *
 * @param kind   {@code joined}, {@code left}, {@code fields}, {@code stage}, {@code merged}
 * @param detail what happened, in words ({@code lead ld_1 (ann@acme.com) joined})
 * @param lead   the lead it concerns, or null
 * @param stage  with {@code stage}: the stage moved to; else null
 */
public record AccountEntry(long at, String kind, String detail, String lead, String stage, String by) {

  public JsonObject toJson() {
    return new JsonObject().put("at", at).put("kind", kind).put("detail", detail).put("lead", lead)
        .put("stage", stage).put("by", by);
  }

  public static AccountEntry fromJson(JsonObject json) {
    return new AccountEntry(json.getLong("at", 0L), json.getString("kind"), json.getString("detail"),
        json.getString("lead"), json.getString("stage"), json.getString("by"));
  }
}
