package io.leadgate.identity;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One move in a lead's stage history ({@code lg:{sNN}:lead:<id>:stages}).
 *
 * @param from   the stage before, null for the first entry
 * @param reason why, in words ({@code form ebook}, {@code free email domain gmail.com}, {@code sales rejected})
 * @param by     who moved it: {@code form:<id>}, {@code scoring}, {@code sales}, {@code admin}
 */
public record StageEntry(Stage stage, Stage from, long at, String reason, String by) {

  public JsonObject toJson() {
    return new JsonObject().put("stage", stage.label()).put("from", from == null ? null : from.label()).put("at", at)
        .put("reason", reason).put("by", by);
  }

  public static StageEntry fromJson(JsonObject json) {
    String from = json.getString("from");
    return new StageEntry(Stage.parse(json.getString("stage")).orElse(Stage.LEAD),
        from == null ? null : Stage.parse(from).orElse(null), json.getLong("at", 0L), json.getString("reason"),
        json.getString("by"));
  }

  /** The lead magnet that made the lead: the form of the first move a form made in its history, or null. */
  public static String magnet(List<StageEntry> history) {
    return history.stream().map(StageEntry::by).filter(by -> by != null && by.startsWith("form:")).findFirst()
        .map(by -> by.substring("form:".length())).orElse(null);
  }
}
