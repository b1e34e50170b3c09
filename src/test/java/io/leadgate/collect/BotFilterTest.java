package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotFilterTest {
  static final BotFilter FILTER = BotFilter.shipped();

  @ParameterizedTest
  @ValueSource(strings = {
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "curl/8.5.0",
      "python-requests/2.31.0",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
  })
  void knownBots_areBots(String userAgent) {
    assertTrue(FILTER.isBot(userAgent), userAgent);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b",
      "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Proofpoint URL Defense",
      "Microsoft Office Existence Discovery",
  })
  void linkPreviewsAndMailScanners_areBots(String userAgent) {
    assertTrue(FILTER.isBot(userAgent), userAgent);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0",
  })
  void browsers_areNotBots(String userAgent) {
    assertFalse(FILTER.isBot(userAgent), userAgent);
  }

  @Test
  void missingUserAgent_isABot() {
    assertTrue(FILTER.isBot(null));
    assertTrue(FILTER.isBot(" "));
  }

  @Test
  void theShippedList_isTheMaintainedOneNotAHandful() {
    assertTrue(FILTER.patternCount() > 500, "patterns: " + FILTER.patternCount());
  }
}
