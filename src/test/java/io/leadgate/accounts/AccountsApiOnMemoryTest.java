package io.leadgate.accounts;

import org.junit.jupiter.api.BeforeAll;

class AccountsApiOnMemoryTest extends AccountsApiContract {
  @BeforeAll
  static void start() {
    startGateway(null);
  }
}
