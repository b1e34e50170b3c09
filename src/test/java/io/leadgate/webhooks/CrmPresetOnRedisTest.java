package io.leadgate.webhooks;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.SERVER)
class CrmPresetOnRedisTest extends CrmPresetSpec {
}
