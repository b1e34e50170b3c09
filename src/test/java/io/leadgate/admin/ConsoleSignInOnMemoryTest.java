package io.leadgate.admin;

class ConsoleSignInOnMemoryTest extends ConsoleSignInContract {
  @Override
  String redisUrl() {
    return null;
  }

  @Override
  void resetStore() {
  }
}
