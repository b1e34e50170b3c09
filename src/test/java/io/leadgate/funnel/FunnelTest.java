package io.leadgate.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.funnel.Funnel.LeadFacts;
import io.leadgate.identity.Stage;
import io.leadgate.identity.StageEntry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The funnel's arithmetic on hand-made histories: steps reached, conversions, medians, splits, disqualified. */
class FunnelTest {
  static final long H = 3_600_000L;

  static StageEntry at(Stage stage, long at, String reason) {
    return new StageEntry(stage, null, at, reason, "test");
  }

  static LeadFacts lead(String source, List<StageEntry> history) {
    return new LeadFacts(source, "(none)", "ebook", 0, history, null);
  }

  static JsonObject step(JsonObject funnel, int index) {
    return funnel.getJsonArray("steps").getJsonObject(index);
  }

  @Test
  void aLeadMovedStraightToSql_passedMqlAtTheSameTime() {
    JsonObject funnel = Funnel.of(10, List.of(lead("direct", List.of(at(Stage.LEAD, 0, null), at(Stage.SQL, 2 * H, null)))));
    assertEquals(1, step(funnel, 2).getLong("count"), "mql");
    assertEquals(1, step(funnel, 3).getLong("count"), "sql");
    assertEquals(7200, step(funnel, 2).getLong("medianSecondsFromPrevious"));
    assertEquals(0, step(funnel, 3).getLong("medianSecondsFromPrevious"));
  }

  @Test
  void conversion_isFromTheStepBefore_andVisitorsToLeadsFirst() {
    JsonObject funnel = Funnel.of(8, List.of(
        lead("direct", List.of(at(Stage.LEAD, 0, null), at(Stage.MQL, H, null))),
        lead("direct", List.of(at(Stage.LEAD, 0, null))),
        lead("direct", List.of(at(Stage.LEAD, 0, null))),
        lead("direct", List.of(at(Stage.LEAD, 0, null)))));
    assertEquals(0.5, step(funnel, 1).getDouble("conversion"));
    assertEquals(0.25, step(funnel, 2).getDouble("conversion"));
    assertEquals(0.0, step(funnel, 3).getDouble("conversion"));
  }

  @Test
  void median_ofAnEvenCount_isTheMeanOfTheMiddleTwo() {
    assertEquals(3L, Funnel.median(List.of(4L, 1L, 2L, 10L)));
    assertNull(Funnel.median(List.of()));
  }

  @Test
  void disqualified_countedApartWithReasons_afterWhatTheyReached() {
    JsonObject funnel = Funnel.of(5, List.of(
        lead("google / cpc", List.of(at(Stage.LEAD, 0, null), at(Stage.MQL, H, null),
            at(Stage.DISQUALIFIED, 2 * H, "no budget"))),
        new LeadFacts("direct", "(none)", "ebook", 0, List.of(at(Stage.DISQUALIFIED, 0, "free email domain gmail.com")),
            "free email domain gmail.com")));
    assertEquals(new JsonObject().put("count", 2L).put("reasons",
        new JsonObject().put("free email domain gmail.com", 1L).put("no budget", 1L)), funnel.getJsonObject("disqualified"));
    assertEquals(1, step(funnel, 2).getLong("count"), "the disqualified lead had reached mql");
    assertEquals(1, funnel.getJsonObject("bySource").getJsonObject("google / cpc").getLong("mql"));
    assertEquals(1, funnel.getJsonObject("bySource").getJsonObject("direct").getLong("disqualified"));
  }

  @Test
  void evangelist_countsAsCustomer() {
    JsonObject funnel = Funnel.of(1, List.of(lead("direct", List.of(at(Stage.LEAD, 0, null),
        at(Stage.EVANGELIST, H, null)))));
    assertEquals(1, step(funnel, 5).getLong("count"));
    assertEquals("customer", step(funnel, 5).getString("step"));
  }
}
