package io.leadgate.forms;

import static io.leadgate.testing.ApiHarness.await;
import static io.leadgate.testing.ApiHarness.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.ApiHarness;
import io.leadgate.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lead-magnet link opened by link previews and mail security scanners (issue 12): they get the magnet, as a
 * person does, and nothing is recorded or scored for them. Over HTTP, on both stores.
 */
abstract class LinkScannerContract {
  static final String KEY = "test-api-key-0123456789";
  static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      + "Chrome/124.0.0.0 Safari/537.36";
  static final List<String> PREVIEWS = List.of(
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b");
  // the download rule of docs/scoring.md's example: 15 points
  static final String YAML = ApiHarness.ACME + """
      apiKeys:
        - {name: crm, sha256: %s}
      forms:
        - id: case-study
          site: acme
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          magnet: {url: "https://cdn.acme.com/case-study.pdf"}
          spam: {minSeconds: 0}
          rateLimit: {perIp: 0, perEmail: 0}
      scoring:
        rules:
          - {id: case-study, event: download, asset: "*case-study*", points: 15}
      """.formatted(ApiKeyAuth.hash(KEY));

  @RegisterExtension
  static final ApiHarness api = ApiHarness.perClass(YAML);

  /** Submits the form as a person and answers the lead id and the signed link. */
  static String[] submit() {
    String visitor = visitor();
    String email = "reader-" + visitor.substring(0, 8) + "@globex.com";
    HttpResponse<Buffer> response = api.submit("case-study", new JsonObject().put("visitor", visitor)
        .put("submission", "s-" + visitor).put("page", "https://www.acme.com/case-study")
        .put("fields", new JsonObject().put("email", email)), "User-Agent", BROWSER);
    return new String[] {api.leadIdOf(email), response.bodyAsJsonObject().getString("download"), visitor};
  }

  static HttpResponse<Buffer> open(String link, String userAgent) {
    return await(api.client().get(link.replaceFirst("^https?://[^/]+", "")).putHeader("User-Agent", userAgent)
        .send());
  }

  static JsonObject profile(String leadId) {
    return api.get(KEY, "/api/leads/" + leadId);
  }

  static long downloads(JsonObject profile) {
    return profile.getJsonArray("timeline").stream().filter(e -> "download".equals(((JsonObject) e).getString("type")))
        .count();
  }

  static double ignoredByBots() {
    return api.gateway().metrics().counter("leadgate.downloads.ignored", "reason", "bot").count();
  }

  @Test
  void download_threePreviewsAndOneClick_oneDownloadRecordedAndScored15() {
    String[] lead = submit();
    for (String preview : PREVIEWS) {
      assertEquals(302, open(lead[1], preview).statusCode(), preview);
    }
    assertEquals(302, open(lead[1], BROWSER).statusCode());
    JsonObject profile = Eventually.until(() -> profile(lead[0]), p -> downloads(p) >= 1 && p.getDouble("score") > 0);
    // the person's click is projected after the previews: had they been recorded, they would be there by now
    assertEquals(1, downloads(profile), profile.encodePrettily());
    assertEquals(15.0, profile.getDouble("score"), profile.encodePrettily());
  }

  @Test
  void download_byALinkPreview_stillRedirectsToTheMagnet() {
    HttpResponse<Buffer> response = open(submit()[1], PREVIEWS.get(0));
    assertEquals(302, response.statusCode());
    assertEquals("https://cdn.acme.com/case-study.pdf", response.getHeader("Location"));
  }

  @Test
  void download_byAMailScanner_countedInMetricsAsIgnoredBot() {
    double before = ignoredByBots();
    open(submit()[1], "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))");
    assertEquals(before + 1, ignoredByBots());
    String metrics = await(api.client().get("/metrics").send()).bodyAsString();
    assertTrue(metrics.contains("leadgate_downloads_ignored_total{reason=\"bot\"}"), metrics);
  }
}
