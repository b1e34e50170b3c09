package io.leadgate.webhooks;

import io.leadgate.identity.Stage;
import java.util.Arrays;
import java.util.List;

/** The domain event types and lifecycle stages webhook endpoints can subscribe to and filter on. */
public final class LeadEvents {
  public static final String CREATED = "lead.created";
  public static final String UPDATED = "lead.updated";
  public static final String STAGE_CHANGED = "lead.stage_changed";
  public static final String DISQUALIFIED = "lead.disqualified";
  public static final List<String> TYPES = List.of(CREATED, UPDATED, STAGE_CHANGED, DISQUALIFIED);
  /** The stage names a filter may name: identity's stages, in their order. */
  public static final List<String> STAGES = Arrays.stream(Stage.values()).map(Stage::label).toList();

  private LeadEvents() {
  }
}
