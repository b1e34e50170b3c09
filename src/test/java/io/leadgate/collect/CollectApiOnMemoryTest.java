package io.leadgate.collect;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class CollectApiOnMemoryTest extends CollectApiContract {
}
