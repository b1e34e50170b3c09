package io.leadgate.webhooks;

class CrmPresetOnMemoryTest extends CrmPresetSpec {
  @Override
  String redisUrl() {
    return null;
  }
}
