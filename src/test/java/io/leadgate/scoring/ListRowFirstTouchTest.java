package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ListRowFirstTouchTest {
  static JsonObject row(String source, String medium, String campaign) {
    return new JsonObject().put("source", source).put("medium", medium).put("campaign", campaign);
  }

  @Test
  void firstTouch_utmTags_areSourceMediumCampaign() {
    JsonObject touch = new JsonObject().put("utm_source", "linkedin").put("utm_medium", "cpc")
        .put("utm_campaign", "q4").put("source", "linkedin / cpc");
    assertEquals(row("linkedin", "cpc", "q4"), LeadsService.firstTouch(touch));
  }

  @Test
  void firstTouch_referralWithoutUtm_fromTheAttributionLabel() {
    assertEquals(row("news.ycombinator.com", "referral", null),
        LeadsService.firstTouch(new JsonObject().put("source", "news.ycombinator.com / referral")));
  }

  @Test
  void firstTouch_utmSourceWithoutMedium_noMedium() {
    assertEquals(row("newsletter", null, null), LeadsService.firstTouch(new JsonObject()
        .put("utm_source", "newsletter").put("source", "newsletter / (none)")));
  }

  @Test
  void firstTouch_directOrUnknown_directOrNothing() {
    assertEquals(row("direct", null, null), LeadsService.firstTouch(new JsonObject().put("source", "direct")));
    assertEquals(row(null, null, null), LeadsService.firstTouch(new JsonObject()));
  }
}
