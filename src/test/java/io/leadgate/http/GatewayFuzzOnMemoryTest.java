package io.leadgate.http;

class GatewayFuzzOnMemoryTest extends GatewayFuzzContract {
  @Override
  String redisUrl() {
    return null;
  }
}
