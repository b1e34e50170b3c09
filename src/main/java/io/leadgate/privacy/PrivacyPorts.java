package io.leadgate.privacy;

import io.leadgate.collect.ErasedVisitorFilter;
import io.leadgate.funnel.FunnelIndex;
import io.leadgate.identity.IdentifyAttempts;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.VisitorStore;
import io.leadgate.scoring.ScoreStore;
import io.leadgate.webhooks.DeliveryLog;
import io.leadgate.webhooks.LeadDeliveries;
import io.leadgate.webhooks.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the privacy feature reads and erases through: each feature's own ports, and two calls of features that keep
 * their rules to themselves (the forms' keyed rate-limit subjects, the lead profile as the API shows it).
 *
 * @param forgetEmailLimits forgets the rate-limit windows of a normalised email ({@code forms.FormsService})
 * @param leadProfile       the lead as {@code GET /api/leads/{id}} shows it: fields, consents, stages, score, timeline
 * @param leaveAccount      takes a lead (site, lead id) out of its company's account, which is rescored
 *                          ({@code accounts.AccountsService}; the account itself holds no person and stays)
 */
public record PrivacyPorts(LeadStore leads, VisitorStore visitors, LeadSearch search, IdentifyAttempts identifyAttempts,
                           ScoreStore scores, FunnelIndex funnel, LeadDeliveries deliveries, DeliveryLog deliveryLog,
                           Outbox outbox, ErasureStore erasures, AuditLog audit, ErasedVisitorFilter erasedVisitors,
                           Function<String, Future<Void>> forgetEmailLimits,
                           Function<String, Future<Optional<JsonObject>>> leadProfile,
                           BiFunction<String, String, Future<?>> leaveAccount) {
}
