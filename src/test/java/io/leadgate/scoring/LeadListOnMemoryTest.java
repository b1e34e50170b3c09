package io.leadgate.scoring;

import org.junit.jupiter.api.BeforeAll;

class LeadListOnMemoryTest extends LeadListContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
