package io.leadgate.funnel;

class FunnelApiOnMemoryTest extends FunnelApiContract {
  @Override
  String redisUrl() {
    return null;
  }

  @Override
  void resetStore() {
  }
}
