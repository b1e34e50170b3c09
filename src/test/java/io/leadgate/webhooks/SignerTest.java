package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTest {
  /*
   * The Standard Webhooks test vector, from the spec's own libraries: standard-webhooks/standard-webhooks,
   * libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java (verifyWebhookSignWorks) and
   * libraries/javascript/src/webhook.test.ts ("sign function works").
   */
  static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long SPEC_TIMESTAMP = 1614265330;
  static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
  static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void sign_specTestVector_matchesPublishedSignature() {
    assertEquals(SPEC_SIGNATURE, new Signer(List.of(SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD));
  }

  @Test
  void sign_twoSecretsDuringRotation_twoSignaturesSpaceSeparatedCurrentFirst() {
    String header = new Signer(List.of(OTHER_SECRET, SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD);
    String[] signatures = header.split(" ");
    assertEquals(2, signatures.length);
    assertEquals(new Signer(List.of(OTHER_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD), signatures[0]);
    assertEquals(SPEC_SIGNATURE, signatures[1]);
  }

  @Test
  void verify_receiverWithOldSecretOnly_acceptsRotatedHeader() {
    String header = new Signer(List.of(OTHER_SECRET, SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD);
    byte[] body = SPEC_PAYLOAD.getBytes(StandardCharsets.UTF_8);
    assertTrue(new Signer(List.of(SPEC_SECRET)).verify(SPEC_ID, SPEC_TIMESTAMP, body, header));
    assertFalse(new Signer(List.of(SPEC_SECRET)).verify(SPEC_ID, SPEC_TIMESTAMP + 1, body, header));
    assertFalse(new Signer(List.of(SPEC_SECRET)).verify(SPEC_ID, SPEC_TIMESTAMP, "{}".getBytes(), header));
  }

  @Test
  void sign_anyChangeOfIdTimestampOrBody_changesSignature() {
    Signer signer = new Signer(List.of(SPEC_SECRET));
    assertFalse(signer.sign("msg_other", SPEC_TIMESTAMP, SPEC_PAYLOAD).equals(SPEC_SIGNATURE));
    assertFalse(signer.sign(SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_PAYLOAD).equals(SPEC_SIGNATURE));
    assertFalse(signer.sign(SPEC_ID, SPEC_TIMESTAMP, "{\"test\":2432232314}").equals(SPEC_SIGNATURE));
  }

  @Test
  void sign_idWithDot_refused() {
    Signer signer = new Signer(List.of(SPEC_SECRET));
    assertThrows(IllegalArgumentException.class, () -> signer.sign("a.b", 1, "{}"));
    assertThrows(IllegalArgumentException.class, () -> signer.sign("a b", 1, "{}"));
  }

  @Test
  void decode_badSecrets_explainedWithoutEchoingThem() {
    IllegalArgumentException noPrefix = assertThrows(IllegalArgumentException.class,
        () -> Signer.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    assertFalse(noPrefix.getMessage().contains("MfKQ9r8G"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Signer.decode("whsec_%%%"))
        .getMessage().contains("base64"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Signer.decode("whsec_c2hvcnQ="))
        .getMessage().contains("24 to 64 bytes (decodes to 5)"));
  }
}
