package io.leadgate.privacy;

import io.leadgate.core.KeyedHash;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.Lead;
import io.leadgate.webhooks.DeliveryLog.Attempt;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a subject into the steps of its erasure, from what the stores hold now (reads only). Each step touches one
 * feature's keys of one shard or one site (one Redis Cluster slot, or one key), is idempotent, and is saved with its
 * arguments, so an erasure interrupted anywhere is finished by running its remaining steps.
 *
 * <p>The order matters: the visitors' tombstones first (the projector stops feeding the lead), the email claim
 * before the lead (a form sent meanwhile makes a new lead, not the old one again), the webhook queues after the
 * lead (nothing new can be queued for it then), {@code lead.erased} after them (so it is not erased itself).
 */
final class ErasurePlanner {
  private final PrivacyPorts ports;
  private final KeyedHash hash;
  private final List<String> endpoints;

  ErasurePlanner(PrivacyPorts ports, KeyedHash hash, List<String> endpoints) {
    this.ports = ports;
    this.hash = hash;
    this.endpoints = List.copyOf(endpoints);
  }

  String emailHash(String emailKey) {
    return hash.of("email:" + emailKey);
  }

  /** The steps for everything held about the subject (an empty plan still leaves the tombstones). */
  Future<JsonArray> plan(Subject subject) {
    JsonArray steps = new JsonArray();
    Future<Void> planned = Future.succeededFuture();
    if (subject.email() != null) {
      for (String site : subject.sites()) {
        planned = planned.compose(v -> ports.leads().leadIdByEmail(site, subject.email().key()))
            .compose(id -> id.isEmpty() ? Future.succeededFuture() : planLead(steps, id.get()));
      }
      // tombstoned even when nothing is held: the request itself is on record without the email
      return planned.map(v -> steps.isEmpty()
          ? steps.add(step("tombstone").put("emailHash", emailHash(subject.email().key()))) : steps);
    }
    String site = subject.sites().get(0);
    return ports.visitors().visitor(site, subject.visitor()).compose(found -> {
      String leadId = found.map(io.leadgate.identity.Visitor::leadId).orElse(null);
      if (leadId == null) {
        return Future.succeededFuture(steps.add(step("visitor").put("site", site).put("visitor", subject.visitor())));
      }
      return planLead(steps, leadId).map(v -> {
        // the lead's visitor set names this one, unless a crash came between linking it and adding it there
        boolean listed = steps.stream().map(JsonObject.class::cast).anyMatch(s -> "visitor".equals(s.getString("op"))
            && site.equals(s.getString("site")) && subject.visitor().equals(s.getString("visitor")));
        return listed ? steps : steps.add(step("visitor").put("site", site).put("visitor", subject.visitor()));
      });
    });
  }

  /** The steps for one lead and everything joined to it. */
  Future<Void> planLead(JsonArray steps, String leadId) {
    Future<Optional<Lead>> lead = ports.leads().lead(leadId);
    Future<List<String>> visitors = ports.leads().visitors(leadId);
    Future<List<String>> receivers = ports.deliveries().receivers(leadId);
    Future<List<Attempt>> attempts = ports.deliveryLog().forLead(leadId, null, 500);
    return Future.all(lead, visitors, receivers, attempts).compose(done -> {
      if (lead.result().isEmpty()) {
        return Future.succeededFuture();
      }
      Lead found = lead.result().get();
      String site = found.site();
      for (String member : visitors.result()) {
        int colon = member.indexOf(':');
        steps.add(step("visitor").put("site", member.substring(0, colon)).put("visitor", member.substring(colon + 1)));
      }
      String emailKey = keyOf(found.email());
      steps.add(step("emailIndex").put("site", site).put("emailKey", emailKey).put("lead", leadId));
      steps.add(step("account").put("site", site).put("lead", leadId));
      steps.add(step("lead").put("lead", leadId));
      steps.add(step("score").put("lead", leadId));
      steps.add(step("leadIndex").put("site", site).put("lead", leadId));
      steps.add(step("search").put("site", site).put("lead", leadId)
          .put("domain", io.leadgate.identity.SearchTokens.domainOf(found.email()).orElse(null)));
      steps.add(step("funnel").put("site", site).put("lead", leadId));
      steps.add(step("rateLimits").put("emailKey", emailKey));
      steps.add(step("webhooks").put("lead", leadId).put("seq", found.seq())
          .put("endpoints", new JsonArray(endpoints)));
      for (String endpoint : endpoints) {
        steps.add(step("deliveryLog").put("endpoint", endpoint).put("lead", leadId));
      }
      steps.add(step("deliveryLog").put("lead", leadId));
      TreeSet<String> told = new TreeSet<>(receivers.result());
      attempts.result().forEach(a -> told.add(a.endpoint()));
      told.retainAll(endpoints);
      steps.add(step("tombstone").put("emailHash", emailHash(emailKey)));
      if (!told.isEmpty()) {
        steps.add(step("notify").put("site", site).put("lead", leadId).put("seq", found.seq() + 1)
            .put("emailHash", emailHash(emailKey)).put("endpoints", new JsonArray(new ArrayList<>(told))));
      }
      return Future.succeededFuture();
    });
  }

  /** The key the email index uses; a stored email is valid, so the fallback is for a store edited by hand. */
  static String keyOf(String email) {
    try {
      return EmailAddress.parse(email).key();
    } catch (EmailAddress.Invalid e) {
      return email.strip().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static JsonObject step(String op) {
    return new JsonObject().put("op", op);
  }
}
