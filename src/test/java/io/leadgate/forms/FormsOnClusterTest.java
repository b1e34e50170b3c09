package io.leadgate.forms;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Forms (the email claim, the lead step, rate limits, links) on a Redis Cluster. */
@RunsOn(Kind.CLUSTER)
class FormsOnClusterTest extends FormsContract {
}
