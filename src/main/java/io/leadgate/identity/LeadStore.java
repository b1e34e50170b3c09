package io.leadgate.identity;

import io.leadgate.core.StoreUnavailable;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Leads: one per site and normalised email, found by id alone (the id carries its shard), each with its visitors,
 * its stage history and its outbox of domain events.
 *
 * <p>The primitives are what an adapter implements; {@link #findOrCreate} and {@link #setStage} are built on them
 * once, here, so both adapters follow the same rules. Every primitive is idempotent or compare-and-set: a crash
 * between two steps, a retry or a concurrent duplicate leaves one lead and one outbox entry per change.
 */
public interface LeadStore {
  /** Attempts of a read-decide-write round before giving up under contention (each attempt lets one writer win). */
  int MAX_ATTEMPTS = 100;

  /**
   * Claims the email for {@code candidateId} unless some lead has it already.
   *
   * @param emailKey the normalised email ({@code EmailAddress.key()})
   * @return the id of the lead that owns the email now: {@code candidateId} or the earlier owner
   */
  Future<String> claimEmail(String site, String emailKey, String candidateId);

  /** The lead that owns the email, if any. */
  Future<Optional<String>> leadIdByEmail(String site, String emailKey);

  /**
   * Some of the site's leads, from the email index, for maintenance that must see every lead once (the search
   * backfill); not for requests: on Redis it is a {@code SCAN} of the keyspace.
   *
   * @param cursor {@code "0"} for the first page, then the page's {@link LeadIdPage#next}
   */
  Future<LeadIdPage> leadIds(String site, String cursor, int count);

  /** @param next the cursor of the next page, or null when every lead was seen */
  record LeadIdPage(List<String> leadIds, String next) {
  }

  Future<Optional<Lead>> lead(String leadId);

  /** Applies the change atomically if the lead's {@code seq} is still {@code expectedSeq} (see {@link LeadChange}). */
  Future<LeadChange.Applied> apply(LeadChange change);

  /**
   * Joins a visitor to a lead for a form submission: the visitor is added to the lead's visitors, its profile points
   * at the lead and its history is kept from now on (no longer expires). In the same step (on Redis, the script on
   * the visitor's shard) the submission lifts the visitor's tombstone, if it has one: a new submission is new
   * consent (docs/privacy.md). Idempotent.
   */
  Future<Void> linkVisitor(String leadId, String site, String visitorId, Lift lift);

  /**
   * What a form's join does to the visitor's tombstone ({@code collect.ErasedVisitors}). The tombstone is lifted
   * only if it is older than the joined lead (a form sent while its person's erasure runs reaches the lead being
   * erased, which is older: that lifts nothing), and only once per erasure (a retry keeps the first lift's time).
   *
   * @param tombstone     the keyed hash that stands for the visitor in its tombstone ({@code collect.ErasedVisitorFilter#of})
   * @param at            when the submission was accepted: the visitor's events received from then on are kept
   * @param leadCreatedAt when the joined lead was made
   */
  record Lift(String tombstone, long at, long leadCreatedAt) {
  }

  /**
   * Joins a visitor that identified itself with the lead's email ({@code leadgate('identify', {email})}) as
   * {@link #linkVisitor} does, marked {@code linked_by: identify}, unless it is another lead's visitor already: a
   * form is better evidence than a typed email, and a visitor of this lead keeps how it was joined. Idempotent.
   *
   * @return true when the visitor is this lead's now (joined now or before)
   */
  Future<Boolean> linkIdentifiedVisitor(String leadId, String site, String visitorId);

  /** The lead's visitors as {@code site:visitorId}. */
  Future<List<String>> visitors(String leadId);

  /**
   * Erasure: forgets the email's claim, if {@code leadId} still holds it (a new lead of the same email may have
   * claimed it since). Idempotent.
   */
  Future<Void> releaseEmail(String site, String emailKey, String leadId);

  /** Erasure: deletes the lead's hash, stage history and visitor set (one shard). Idempotent. */
  Future<Void> erase(String leadId);

  /** The stage history, oldest first. */
  Future<List<StageEntry>> stages(String leadId);

  /**
   * Remembers that a submission is complete, and completes only once that and every write before it is durable
   * (on Redis 7.2+ with AOF: fsynced; see docs/forms.md). Written last, so its presence means nothing is left to do.
   */
  Future<Void> recordSubmission(String site, String submissionId, Submitted submitted, long ttlSeconds);

  /** A completed submission, for answering its retries. */
  Future<Optional<Submitted>> submission(String site, String submissionId);

  /** A completed submission: the lead it made or updated and the visitor it was made for. */
  record Submitted(String leadId, String visitorId) {
  }

  /**
   * @param lead      the lead after the submission (or, for a duplicate, as it is now)
   * @param created   this submission created it
   * @param duplicate the submission had been applied before; nothing changed
   * @param visitorId the visitor the submission was (first) applied for
   */
  record Converted(Lead lead, boolean created, boolean duplicate, String visitorId) {
  }

  /**
   * Finds the lead of the conversion's email or creates it, and applies the submission to it once: a retry with the
   * same submission id changes nothing, and concurrent submissions of one email make one lead.
   */
  default Future<Converted> findOrCreate(Conversion conversion) {
    return claimEmail(conversion.site(), conversion.email().key(), conversion.candidateLeadId())
        .compose(leadId -> leadId.equals(conversion.candidateLeadId())
            // just claimed: nobody else can have written it yet, so skip the read (a conflict reads it after all)
            ? convertInto(leadId, conversion, Future.succeededFuture(Optional.empty()), 1)
            : convertInto(leadId, conversion, lead(leadId), 1));
  }

  private Future<Converted> convertInto(String leadId, Conversion conversion, Future<Optional<Lead>> read,
                                        int attempt) {
    return read.compose(existing -> {
      LeadChange change = LeadChanges.conversion(existing, conversion, leadId);
      return apply(change).compose(applied -> switch (applied.outcome()) {
        case APPLIED -> Future.succeededFuture(new Converted(change.after(), existing.isEmpty(), false,
            conversion.visitorId()));
        case DUPLICATE -> lead(leadId).map(now -> new Converted(now.orElse(change.after()), false, true,
            applied.submittedBy() == null || applied.submittedBy().isEmpty()
                ? conversion.visitorId() : applied.submittedBy()));
        case CONFLICT -> attempt >= MAX_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("lead " + leadId + " is changing too fast", null))
            : convertInto(leadId, conversion, lead(leadId), attempt + 1);
      });
    });
  }

  /**
   * Moves a lead to a stage, with a history entry and an outbox event ({@code lead.stage_changed}, or
   * {@code lead.disqualified}). Empty when there is no such lead; the lead unchanged when it is already there.
   *
   * @param by who decided: {@code scoring}, {@code sales}, {@code admin}
   */
  default Future<Optional<Lead>> setStage(String leadId, Stage stage, String reason, String by, long at) {
    return setStage(leadId, stage, reason, by, at, 1);
  }

  private Future<Optional<Lead>> setStage(String leadId, Stage stage, String reason, String by, long at, int attempt) {
    return lead(leadId).compose(existing -> {
      if (existing.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      Optional<LeadChange> change = LeadChanges.stageChange(existing.get(), stage, reason, by, at);
      if (change.isEmpty()) {
        return Future.succeededFuture(existing);
      }
      return apply(change.get()).compose(applied -> {
        if (applied.outcome() == LeadChange.Outcome.APPLIED) {
          return Future.succeededFuture(Optional.of(change.get().after()));
        }
        return attempt >= MAX_ATTEMPTS
            ? Future.failedFuture(new StoreUnavailable("lead " + leadId + " is changing too fast", null))
            : setStage(leadId, stage, reason, by, at, attempt + 1);
      });
    });
  }
}
