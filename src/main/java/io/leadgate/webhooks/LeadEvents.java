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
  /** An account (a company's leads together, docs/accounts.md) changed: its leads, fields or stage. */
  public static final String ACCOUNT_UPDATED = "account.updated";
  /** An account reached {@code qualified} (an MQA). */
  public static final String ACCOUNT_QUALIFIED = "account.qualified";
  /** Account events: an endpoint gets them only when it names them in {@code events} (default: {@link #TYPES}). */
  public static final List<String> ACCOUNT_TYPES = List.of(ACCOUNT_UPDATED, ACCOUNT_QUALIFIED);
  /** Every type an endpoint may name. */
  public static final List<String> ALL_TYPES = java.util.stream.Stream.concat(TYPES.stream(), ACCOUNT_TYPES.stream())
      .toList();
  /** The stage names a filter may name: identity's stages, in their order. */
  public static final List<String> STAGES = Arrays.stream(Stage.values()).map(Stage::label).toList();

  private LeadEvents() {
  }
}
