package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedTokensTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  final TestClock clock = TestClock.now();
  final SignedTokens tokens = new SignedTokens(Map.of("ebook", SECRET, "other", SECRET), clock);

  @Test
  void checkRender_afterFiveSeconds_renderedThatLongAgo() {
    String token = tokens.renderToken("ebook");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(new SignedTokens.Rendered(5000), tokens.checkRender(token, "ebook", 3_600_000));
  }

  @Test
  void checkRender_otherFormsToken_forged() {
    assertInstanceOf(SignedTokens.Forged.class, tokens.checkRender(tokens.renderToken("other"), "ebook", 3_600_000));
  }

  @Test
  void checkRender_alteredToken_forged() {
    String token = tokens.renderToken("ebook");
    String altered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
    assertInstanceOf(SignedTokens.Forged.class, tokens.checkRender(altered, "ebook", 3_600_000));
  }

  @Test
  void checkRender_olderThanMaxAge_stale() {
    String token = tokens.renderToken("ebook");
    clock.advance(Duration.ofHours(2));
    assertInstanceOf(SignedTokens.Stale.class, tokens.checkRender(token, "ebook", 3_600_000));
  }

  @Test
  void checkRender_none_absent() {
    assertInstanceOf(SignedTokens.Absent.class, tokens.checkRender(null, "ebook", 3_600_000));
  }

  @Test
  void checkDownload_beforeExpiry_saysWhatItIsFor() throws Exception {
    String token = tokens.downloadToken("ebook", "ld_aaaaaaaaaaaaaaaaaaaa", "visitor-1", clock.millis() + 1000);
    SignedTokens.Download download = tokens.checkDownload(token);
    assertEquals("ld_aaaaaaaaaaaaaaaaaaaa", download.leadId());
    assertEquals("visitor-1", download.visitorId());
  }

  @Test
  void checkDownload_afterExpiry_refusedAsExpired() {
    String token = tokens.downloadToken("ebook", "ld_aaaaaaaaaaaaaaaaaaaa", "visitor-1", clock.millis() + 1000);
    clock.advance(Duration.ofSeconds(1));
    assertTrue(assertThrows(SignedTokens.Refused.class, () -> tokens.checkDownload(token)).expired());
  }

  @Test
  void checkDownload_signedByAnotherSecret_refusedAsInvalid() {
    SignedTokens other = new SignedTokens(Map.of("ebook", "another-secret-of-32-characters!!"), clock);
    String token = other.downloadToken("ebook", "ld_aaaaaaaaaaaaaaaaaaaa", "visitor-1", clock.millis() + 1000);
    assertFalse(assertThrows(SignedTokens.Refused.class, () -> tokens.checkDownload(token)).expired());
  }

  @Test
  void checkDownload_renderToken_refused() {
    assertThrows(SignedTokens.Refused.class, () -> tokens.checkDownload(tokens.renderToken("ebook")));
  }
}
