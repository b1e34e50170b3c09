package io.leadgate.webhooks;

class DeliveryOnMemoryTest extends DeliverySpec {
  @Override
  String redisUrl() {
    return null;
  }
}
