package io.leadgate.identity;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class IdentifyOnMemoryTest extends IdentifyContract {
}
