package io.leadgate.privacy;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class PrivacyOnMemoryTest extends PrivacyContract {
}
