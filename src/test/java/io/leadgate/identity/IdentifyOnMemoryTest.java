package io.leadgate.identity;

import org.junit.jupiter.api.BeforeAll;

class IdentifyOnMemoryTest extends IdentifyContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
