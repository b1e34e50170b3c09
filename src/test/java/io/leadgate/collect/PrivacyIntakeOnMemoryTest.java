package io.leadgate.collect;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Privacy at intake on the in-memory store. */
@RunsOn(Kind.MEMORY)
class PrivacyIntakeOnMemoryTest extends PrivacyIntakeContract {
}
