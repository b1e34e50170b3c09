package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the gateway makes of a token endpoint's answer: a token, or the attempt's outcome (no I/O here). */
class ClientCredentialsGrantTest {
  static WebhookSender.Answer answer(int status, String body) {
    return new WebhookSender.Answer(status, status == 429 ? "30" : null, body, null, 7);
  }

  static WebhookSender.Answer outcome(WebhookSender.Answer answer) {
    return assertThrows(AccessTokens.TokenUnavailable.class, () -> ClientCredentialsGrant.accessToken(answer))
        .outcome();
  }

  @Test
  void salesforcesAnswer_givesItsAccessToken() {
    assertEquals("00D!session", ClientCredentialsGrant.accessToken(answer(200, """
        {"access_token":"00D!session","signature":"c2ln","instance_url":"https://acme.my.salesforce.com",
         "id":"https://login.salesforce.com/id/00D/005","token_type":"Bearer","issued_at":"1733390000000"}""")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      400 | {"error":"invalid_client","error_description":"invalid client credentials"} | 400 | the token endpoint refused the client credentials: HTTP 400: invalid_client (invalid client credentials)
      400 | {"error":"invalid_grant","error_description":"no client credentials user enabled"} | 400 | the token endpoint refused the client credentials: HTTP 400: invalid_grant (no client credentials user enabled)
      401 | <html>Unauthorized</html>                                                   | 401 | the token endpoint refused the client credentials: HTTP 401
      503 | {"error":"unavailable"}                                                     | 503 | the token endpoint answered HTTP 503: unavailable
      429 | {}                                                                          | 429 | the token endpoint answered HTTP 429
      302 | ``                                                                          | 302 | the token endpoint answered HTTP 302
      200 | {"token_type":"Bearer"}                                                     | 0   | the token endpoint's answer (HTTP 200) has no access_token
      200 | not json                                                                    | 0   | the token endpoint's answer (HTTP 200) has no access_token
      """)
  void otherAnswers_becomeTheAttemptsOutcome_withoutTheBody(int status, String body, int outcomeStatus, String error) {
    WebhookSender.Answer outcome = outcome(answer(status, body));
    assertEquals(outcomeStatus, outcome.status());
    assertEquals(error, outcome.error());
    assertNull(outcome.body(), "a token endpoint's answer may hold a token: never kept");
    assertEquals(7, outcome.latencyMs());
  }

  @Test
  void rateLimited_keepsItsRetryAfter() {
    assertEquals("30", outcome(answer(429, "{}")).retryAfter());
  }

  @Test
  void noAnswer_isRetriedWithWhyNot() {
    WebhookSender.Answer outcome = outcome(new WebhookSender.Answer(0, null, null, "timed out after 2000 ms", 2000));
    assertEquals(0, outcome.status());
    assertEquals("the token endpoint did not answer: timed out after 2000 ms", outcome.error());
  }

  @Test
  void longOrMultiLineDescription_isCutToOneLine() {
    String description = "line one\nline two " + "x".repeat(300);
    String error = outcome(answer(400, new io.vertx.core.json.JsonObject().put("error", "invalid_client")
        .put("error_description", description).encode())).error();
    assertEquals("the token endpoint refused the client credentials: HTTP 400: invalid_client (line one line two "
        + "x".repeat(ClientCredentialsGrant.DESCRIBED_CHARS - "line one line two ".length()) + "...)", error);
  }
}
