package io.leadgate.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A known person: an email address on a site, with what they told us, what they consented to and where they came
 * from. Stored as the hash {@code lg:{sNN}:lead:<id>} (see docs/forms.md); the visitors and the stage history live
 * beside it.
 *
 * @param seq                the lead's own sequence of domain events (1 after creation, +1 per change)
 * @param fields             the latest value of every form field the person filled in (progressive profiling)
 * @param consents           every consent given, oldest first: {@code {kind, text, form, at, ip, page}}
 * @param firstTouch         the earliest known touch of any of its visitors ({@code source}, utm_*, {@code at}...)
 * @param disqualifiedReason why it is junk, while its stage is {@code disqualified}; else null
 */
public record Lead(String id, String site, String email, Stage stage, long createdAt, long updatedAt, long seq,
                   JsonObject fields, JsonArray consents, JsonObject firstTouch, String disqualifiedReason) {

  /** Hash fields written by a change; {@code seq} is not among them, the store increments it itself. */
  public Map<String, String> toHash() {
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("id", id);
    hash.put("site", site);
    hash.put("email", email);
    hash.put("stage", stage.label());
    hash.put("created_at", Long.toString(createdAt));
    hash.put("updated_at", Long.toString(updatedAt));
    hash.put("fields", fields.encode());
    hash.put("consents", consents.encode());
    hash.put("first_touch", firstTouch.encode());
    if (disqualifiedReason != null) {
      hash.put("disqualified_reason", disqualifiedReason);
    }
    return hash;
  }

  public static Lead fromHash(Map<String, String> hash) {
    return new Lead(hash.get("id"), hash.get("site"), hash.get("email"),
        Stage.parse(hash.getOrDefault("stage", "lead")).orElse(Stage.LEAD),
        Long.parseLong(hash.getOrDefault("created_at", "0")), Long.parseLong(hash.getOrDefault("updated_at", "0")),
        Long.parseLong(hash.getOrDefault("seq", "0")),
        new JsonObject(hash.getOrDefault("fields", "{}")), new JsonArray(hash.getOrDefault("consents", "[]")),
        new JsonObject(hash.getOrDefault("first_touch", "{}")), hash.get("disqualified_reason"));
  }

  /** The lead as webhooks and the API show it. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("site", site).put("email", email).put("stage", stage.label())
        .put("created_at", createdAt).put("updated_at", updatedAt).put("seq", seq)
        .put("fields", fields.copy()).put("consents", consents.copy()).put("first_touch", firstTouch.copy())
        .put("disqualified_reason", disqualifiedReason);
  }
}
