package io.leadgate.identity;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.SERVER)
class IdentifyOnRedisTest extends IdentifyContract {
}
