package io.leadgate.funnel;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class FunnelApiOnMemoryTest extends FunnelApiContract {
}
