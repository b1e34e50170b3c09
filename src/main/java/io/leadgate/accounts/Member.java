package io.leadgate.accounts;

import io.vertx.core.json.JsonObject;

/**
 * A lead as its account sees it, copied when the lead changes (an event scored, a form): enough to score the account
 * without reading every lead.
 *
 * @param stage       the lead's stage label
 * @param fields      the lead's form fields (roles are tested on them)
 * @param behaviour   the lead's behaviour score as of {@code behaviourAt}; it decays from there
 *                    ({@link io.leadgate.scoring.Decay})
 * @param activity    the lead's newest scored event, ms
 * @param version     the lead's seq plus its score state's version when copied: both only grow, so a copy read
 *                    before another (two events of one lead refreshing its account at once) never replaces it
 */
public record Member(String leadId, String email, String stage, JsonObject fields, double behaviour, long behaviourAt,
                     long activity, long version) {

  public JsonObject toJson() {
    return new JsonObject().put("lead", leadId).put("email", email).put("stage", stage).put("fields", fields.copy())
        .put("behaviour", behaviour).put("behaviour_at", behaviourAt).put("activity", activity)
        .put("version", version);
  }

  public static Member fromJson(JsonObject json) {
    return new Member(json.getString("lead"), json.getString("email"), json.getString("stage"),
        json.getJsonObject("fields", new JsonObject()), json.getDouble("behaviour", 0.0),
        json.getLong("behaviour_at", 0L), json.getLong("activity", 0L), json.getLong("version", 0L));
  }
}
