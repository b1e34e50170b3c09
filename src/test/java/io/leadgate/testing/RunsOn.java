package io.leadgate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The store a contract suite's subclass runs the suite on, {@code @RunsOn(Kind.CLUSTER)}: read by
 * {@link ApiHarness}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsOn {
  OneStore.Kind value();
}
