package io.leadgate.collect;

import org.junit.jupiter.api.BeforeAll;

/** Privacy at intake on the in-memory store. */
class PrivacyIntakeOnMemoryTest extends PrivacyIntakeContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
