package io.leadgate.collect;

class CollectApiOnMemoryTest extends CollectApiContract {
  @Override
  String redisUrl() {
    return null;
  }
}
