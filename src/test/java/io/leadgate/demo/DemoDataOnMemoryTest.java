package io.leadgate.demo;

class DemoDataOnMemoryTest extends DemoDataContract {
  @Override
  String redisUrl() {
    return null;
  }

  @Override
  void resetStore() {
    // every gateway on the in-memory store starts empty
  }
}
