package io.leadgate.segment;

import org.junit.jupiter.api.BeforeAll;

class SegmentApiOnMemoryTest extends SegmentApiContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
