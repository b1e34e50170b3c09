package io.leadgate.collect;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Privacy at intake on a standalone Redis. */
@RunsOn(Kind.SERVER)
class PrivacyIntakeOnRedisTest extends PrivacyIntakeContract {
}
