package io.leadgate.forms;

import org.junit.jupiter.api.BeforeAll;

class LinkScannerOnMemoryTest extends LinkScannerContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
