package io.leadgate.privacy;

import org.junit.jupiter.api.BeforeAll;

class PrivacyOnMemoryTest extends PrivacyContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
