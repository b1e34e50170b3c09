package io.leadgate.scoring;

import org.junit.jupiter.api.BeforeAll;

class ScoringApiOnMemoryTest extends ScoringApiContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
