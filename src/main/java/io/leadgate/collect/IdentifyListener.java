package io.leadgate.collect;

import io.leadgate.core.Event;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.VisitorStore.Recorded;
import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The same person on a second device: an anonymous visitor that calls {@code leadgate('identify', {email})} with the
 * email of an existing lead is joined to that lead, marked {@code linked_by: identify}, and its history becomes part
 * of the lead's. It never creates a lead and never changes one's fields or stage; an unknown email does nothing.
 *
 * <p>Runs in the projector, after the event was recorded, so intake does no more for an identify than for any event;
 * the browser's answer ({@code 202}) is the same whatever the email, and nothing of a lead goes back to it. Each
 * visitor may try {@value #PER_HOUR} emails an hour; more are ignored (and counted).
 */
public final class IdentifyListener implements ProjectionListener {
  public static final int PER_HOUR = 5;
  private final LeadStore leads;
  private final IdentifyAttempts attempts;
  private final Metrics metrics;

  public IdentifyListener(LeadStore leads, IdentifyAttempts attempts, Metrics metrics) {
    this.leads = leads;
    this.attempts = attempts;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> projected(Event event, Recorded recorded) {
    Optional<String> email = Identify.email(event);
    if (email.isEmpty()) {
      return Future.succeededFuture();
    }
    if (recorded.leadId() != null) {
      // a lead's visitor already: identify never moves a visitor from one lead to another
      return count("already_linked");
    }
    return attempts.count(event.site(), event.visitor(), 3_600)
        .compose(tries -> tries > PER_HOUR ? count("rate_limited") : link(event, email.get()));
  }

  private Future<Void> link(Event event, String text) {
    EmailAddress email;
    try {
      email = EmailAddress.parse(text);
    } catch (EmailAddress.Invalid e) {
      return count("invalid");
    }
    return leads.leadIdByEmail(event.site(), email.key()).compose(lead -> lead.isEmpty() ? count("unknown")
        : leads.linkIdentifiedVisitor(lead.get(), event.site(), event.visitor())
            .compose(linked -> count(linked ? "linked" : "other_lead")));
  }

  private Future<Void> count(String outcome) {
    metrics.counter("leadgate.identify", "outcome", outcome).increment();
    return Future.succeededFuture();
  }
}
