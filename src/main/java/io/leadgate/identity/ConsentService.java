package io.leadgate.identity;

import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.core.StoreUnavailable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Consents that change after the form: a grant or a withdrawal recorded, with its time, in the lead's consents
 * ({@code {kind, granted, text, at, by}}, beside the form's {@code {kind, text, field, form, at, ip, page}}, which
 * are grants). The newest entry of a kind is the answer in force. Found by the lead's email or by one of its
 * visitors; an anonymous visitor has no lead to record it on.
 */
public final class ConsentService {
  /** The purpose of the snippet's {@code leadgate('consent', ...)}: the tracking of the visitor's browsing. */
  public static final String TRACKING = "tracking";
  public static final int MAX_TEXT = 2000;
  private static final Pattern PURPOSE = Pattern.compile("[a-z0-9_.-]{1,64}");
  private final Set<String> sites;
  private final LeadStore leads;
  private final VisitorStore visitors;
  private final Clock clock;

  public ConsentService(Set<String> sites, LeadStore leads, VisitorStore visitors, Clock clock) {
    this.sites = Set.copyOf(sites);
    this.leads = leads;
    this.visitors = visitors;
    this.clock = clock;
  }

  /**
   * An answer about one person: by {@code email} or by {@code visitor} (one of them).
   *
   * @param purpose what it is for: a form's consent field kind ({@code privacy}, {@code marketing}...) or
   *                {@link #TRACKING}
   * @param text    what the person was shown, if any
   * @param by      who recorded it: {@code api:KEY}, {@code user:NAME}, {@code snippet}
   */
  public record Answer(String site, String email, String visitor, String purpose, boolean granted, String text,
                       String by) {
  }

  /**
   * Records the answer on the person's lead.
   *
   * @return {@code {lead, consent, consents}}: the lead's id, the entry recorded and every consent it has now
   */
  public Future<JsonObject> record(Answer answer) {
    if (answer.site() == null || !sites.contains(answer.site())) {
      throw new NotFound("unknown_site", "no site has the key " + answer.site());
    }
    if ((answer.email() == null) == (answer.visitor() == null)) {
      throw InvalidInput.field("email", "give the person's email or one of its visitor ids (one of them)");
    }
    if (answer.purpose() == null || !PURPOSE.matcher(answer.purpose()).matches()) {
      throw InvalidInput.field("purpose", "must be 1 to 64 of a-z, 0-9, '_', '-', '.' (such as privacy, marketing, "
          + TRACKING + ")");
    }
    if (answer.text() != null && answer.text().length() > MAX_TEXT) {
      throw InvalidInput.field("text", "must be at most " + MAX_TEXT + " characters");
    }
    return leadOf(answer).compose(lead -> lead.isEmpty()
        ? Future.failedFuture(new NotFound("not_found", answer.email() != null
            ? "no lead of site " + answer.site() + " has that email"
            : "visitor " + answer.visitor() + " of site " + answer.site() + " is not a lead's"))
        : apply(lead.get(), entry(answer), 1));
  }

  /**
   * The snippet's answer for a visitor: recorded as {@link #TRACKING} on the visitor's lead, if it is one.
   *
   * @return whether a lead recorded it
   */
  public Future<Boolean> recordForVisitor(String site, String visitorId, boolean granted) {
    Answer answer = new Answer(site, null, visitorId, TRACKING, granted, null, "snippet");
    return leadOf(answer).compose(lead -> lead.isEmpty() ? Future.succeededFuture(false)
        : apply(lead.get(), entry(answer), 1).map(true));
  }

  private Future<Optional<String>> leadOf(Answer answer) {
    if (answer.visitor() != null) {
      return visitors.visitor(answer.site(), answer.visitor()).map(v -> v.map(Visitor::leadId));
    }
    try {
      return leads.leadIdByEmail(answer.site(), EmailAddress.parse(answer.email()).key());
    } catch (EmailAddress.Invalid e) {
      throw InvalidInput.field("email", e.getMessage());
    }
  }

  private JsonObject entry(Answer answer) {
    JsonObject entry = new JsonObject().put("kind", answer.purpose()).put("granted", answer.granted());
    if (answer.text() != null) {
      entry.put("text", answer.text());
    }
    return entry.put("at", clock.millis()).put("by", answer.by());
  }

  private Future<JsonObject> apply(String leadId, JsonObject entry, int attempt) {
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new NotFound("not_found", "lead " + leadId + " is gone"));
      }
      LeadChange change = LeadChanges.consent(found.get(), entry, entry.getLong("at"));
      return leads.apply(change).compose(applied -> {
        if (applied.outcome() == LeadChange.Outcome.APPLIED) {
          return Future.succeededFuture(new JsonObject().put("lead", leadId).put("consent", entry)
              .put("consents", change.after().consents().copy()));
        }
        return attempt >= LeadStore.MAX_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("lead " + leadId + " is changing too fast", null))
            : apply(leadId, entry, attempt + 1);
      });
    });
  }
}
