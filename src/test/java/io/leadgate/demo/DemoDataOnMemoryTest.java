package io.leadgate.demo;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class DemoDataOnMemoryTest extends DemoDataContract {
}
