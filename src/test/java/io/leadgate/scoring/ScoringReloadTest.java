package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.Eventually;
import io.leadgate.testing.TestClock;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring rules replaced without a restart: on request and when the file changes; a bad file changes nothing. */
class ScoringReloadTest {
  static final String KEY = "reload-test-key-0123456789";
  @TempDir
  Path dir;
  TestGateway gateway;

  static String config(String pricingPoints, int watchSeconds) {
    return """
        sites: [{key: acme}]
        apiKeys: [{name: ops, sha256: %s}]
        scoring:
          watchSeconds: %d
          rules:
            - {id: pricing-page, event: pageview, path: "/pricing*", points: %s}
        """.formatted(ApiKeyAuth.hash(KEY), watchSeconds, pricingPoints);
  }

  Path start(String yaml) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    Files.writeString(file, yaml);
    gateway = TestGateway.startFromFile(file, null, TestClock.now());
    return file;
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  HttpResponse<Buffer> post(String path) throws Exception {
    return gateway.client().post(path).putHeader("Authorization", "Bearer " + KEY).send().await(10, TimeUnit.SECONDS);
  }

  JsonObject rules() throws Exception {
    return gateway.client().get("/api/scoring").putHeader("Authorization", "Bearer " + KEY).send()
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  int pricingPoints() {
    return gateway.gateway().scoring().rules().current().site("acme").model().rules().get(0).points();
  }

  @Test
  void reload_goodFile_newRulesInForce() throws Exception {
    Path file = start(config("10", 0));
    Files.writeString(file, config("30", 0));
    HttpResponse<Buffer> response = post("/api/scoring/reload");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(2, response.bodyAsJsonObject().getInteger("version"));
    assertEquals(30, pricingPoints());
    assertEquals(2, rules().getInteger("version"));
  }

  @Test
  void reload_badFile_refusedWithTheFieldAndTheOldRulesStay() throws Exception {
    Path file = start(config("10", 0));
    Files.writeString(file, config("0", 0));
    HttpResponse<Buffer> response = post("/api/scoring/reload");
    assertEquals(422, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_config", error.getString("code"));
    assertEquals("scoring.rules[0].points", error.getString("field"));
    assertTrue(error.getString("message").contains("must not be 0"), error.encode());
    assertEquals(10, pricingPoints());
    assertEquals(1, rules().getInteger("version"));
  }

  @Test
  void reload_fileWithSeveralProblems_422ListsEachOneInFields() throws Exception {
    Path file = start(config("10", 0));
    Files.writeString(file, config("0", 0).replace("watchSeconds: 0", "watchSeconds: soon"));
    HttpResponse<Buffer> response = post("/api/scoring/reload");
    assertEquals(422, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_config", error.getString("code"));
    assertEquals(List.of("scoring.watchSeconds", "scoring.rules[0].points"), error.getJsonArray("fields").stream()
        .map(f -> ((JsonObject) f).getString("field")).toList());
    assertEquals(10, pricingPoints());
  }

  @Test
  void reload_notYaml_refused() throws Exception {
    Path file = start(config("10", 0));
    Files.writeString(file, "scoring: [unclosed");
    HttpResponse<Buffer> response = post("/api/scoring/reload");
    assertEquals(422, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getJsonObject("error").getString("message").contains("not valid YAML"));
    assertEquals(10, pricingPoints());
  }

  @Test
  void reload_scoringForAnUnknownSite_refused() throws Exception {
    Path file = start(config("10", 0));
    Files.writeString(file, config("10", 0) + "  sites: {shop: {mql: {score: 10}}}\n");
    HttpResponse<Buffer> response = post("/api/scoring/reload");
    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertEquals("scoring.sites.shop", response.bodyAsJsonObject().getJsonObject("error").getString("field"));
  }

  @Test
  void reload_fileGone_refusedAndTheOldRulesStay() throws Exception {
    Path file = start(config("10", 0));
    Files.delete(file);
    assertEquals(422, post("/api/scoring/reload").statusCode());
    assertEquals(10, pricingPoints());
  }

  @Test
  void reload_withoutKey_401() throws Exception {
    start(config("10", 0));
    assertEquals(401, gateway.client().post("/api/scoring/reload").send().await(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void watch_changedFile_reloadedWithoutARequest() throws Exception {
    Path file = start(config("10", 1));
    Files.writeString(file, config("25", 1) + "# changed\n");
    Eventually.until(this::pricingPoints, points -> points == 25);
  }

  @Test
  void watch_badChange_keepsTheRulesAndTakesTheNextGoodOne() throws Exception {
    Path file = start(config("10", 1));
    Files.writeString(file, config("5000", 1));
    Thread.sleep(2500);
    assertEquals(10, pricingPoints());
    Files.writeString(file, config("40", 1) + "# fixed\n");
    Eventually.until(this::pricingPoints, points -> points == 40);
  }
}
