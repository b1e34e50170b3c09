package io.leadgate.stats;

class StatsApiOnMemoryTest extends StatsApiContract {

  @Override
  String redisUrl() {
    return null;
  }

  @Override
  void resetStore() {
    // each test starts a gateway of its own, and with it an empty store
  }
}
