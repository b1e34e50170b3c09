package io.leadgate.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One form submission that makes (or updates) a lead: everything the lead store needs, decided by the caller.
 *
 * @param candidateLeadId the id the lead gets if this submission creates it
 * @param submissionId    the browser's id for this submission, kept over its retries; null when it sent none
 * @param visitorId       the visitor that submitted
 * @param stage           the stage the form's kind leads to ({@code subscriber} or {@code lead})
 * @param fields          the validated form fields, without email, consents and the honeypot
 * @param consents        the consents given with this submission
 * @param firstTouch      the visitor's first touch (empty when the visitor was never tracked)
 * @param junkReason      why the submission is junk, or null
 * @param at              when, ms since epoch (the gateway's clock)
 * @param submissionTtlSeconds how long a retry of this submission is recognised
 */
public record Conversion(String site, EmailAddress email, String candidateLeadId, String submissionId, String visitorId,
                         String formId, Stage stage, JsonObject fields, JsonArray consents, JsonObject firstTouch,
                         String junkReason, long at, long submissionTtlSeconds) {
}
