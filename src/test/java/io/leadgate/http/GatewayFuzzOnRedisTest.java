package io.leadgate.http;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.SERVER)
class GatewayFuzzOnRedisTest extends GatewayFuzzContract {
}
