package io.leadgate.http;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class GatewayFuzzOnMemoryTest extends GatewayFuzzContract {
}
