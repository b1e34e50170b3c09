package io.leadgate.forms;

import org.junit.jupiter.api.BeforeAll;

class FormsOnMemoryTest extends FormsContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
