package io.leadgate.collect;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Privacy at intake on a Redis Cluster (the day's salt is one key, on any slot). */
@RunsOn(Kind.CLUSTER)
class PrivacyIntakeOnClusterTest extends PrivacyIntakeContract {
}
