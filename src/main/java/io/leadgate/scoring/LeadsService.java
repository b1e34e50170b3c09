package io.leadgate.scoring;

import io.leadgate.core.InvalidInput;
import io.leadgate.core.Unprocessable;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadHistory;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.Stage;
import io.leadgate.identity.LeadStore;
import io.leadgate.scoring.ScoreStore.IndexHit;
import io.leadgate.scoring.ScoreStore.LeadOrder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the lead API answers: lists from the site indexes, profiles with score and history, sales feedback. */
public final class LeadsService {
  public static final int TIMELINE_MAX = 200;
  /** Index entries one list request looks at, at most: a narrow filter answers a short page and a cursor. */
  static final int SCAN_MAX = 1000;

  private final LeadStore leads;
  private final ScoreStore scores;
  private final ScoringService scoring;
  private final LeadHistory history;
  private final Collection<String> sites;

  public LeadsService(LeadStore leads, ScoreStore scores, ScoringService scoring, LeadHistory history,
                      Collection<String> sites) {
    this.leads = leads;
    this.scores = scores;
    this.scoring = scoring;
    this.history = history;
    this.sites = List.copyOf(sites);
  }

  /**
   * A list request.
   *
   * @param stage    only leads in this stage, or null
   * @param minScore only leads scoring at least this now, or null
   * @param q        only leads whose email or a field value contains this (case-insensitive), or null
   * @param cursor   where the previous page ended, or null
   */
  public record Query(String site, Stage stage, Double minScore, String q, LeadOrder order, int limit, String cursor) {
  }

  public Future<JsonObject> list(Query query) {
    IndexHit after = query.cursor() == null ? null : decodeCursor(query.cursor(), query);
    List<JsonObject> found = new ArrayList<>();
    return scan(query, after, found, 0).map(next -> new JsonObject()
        .put("leads", new JsonArray(new ArrayList<>(found)))
        .put("next", next == null ? null : encodeCursor(next, query)));
  }

  /** Pages through the index, keeping matching leads; returns where to continue, or null at the end. */
  private Future<IndexHit> scan(Query query, IndexHit after, List<JsonObject> found, int scanned) {
    int batch = Math.max(query.limit(), 50);
    return scores.page(query.site(), query.stage(), query.order(), after, batch).compose(hits -> {
      List<Future<Optional<JsonObject>>> rows = new ArrayList<>();
      hits.forEach(hit -> rows.add(row(hit.leadId(), query)));
      return Future.all(rows).compose(done -> {
        IndexHit last = after;
        for (int i = 0; i < hits.size(); i++) {
          last = hits.get(i);
          rows.get(i).result().ifPresent(found::add);
          if (found.size() >= query.limit()) {
            return Future.succeededFuture(i + 1 < hits.size() || hits.size() == batch ? last : null);
          }
        }
        if (hits.size() < batch) {
          return Future.succeededFuture(null);
        }
        int total = scanned + hits.size();
        return total >= SCAN_MAX ? Future.succeededFuture(last) : scan(query, last, found, total);
      });
    });
  }

  /** The lead as a list shows it, if it passes the filters with its current stage and score. */
  private Future<Optional<JsonObject>> row(String leadId, Query query) {
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty() || (query.stage() != null && found.get().stage() != query.stage())
          || !matches(found.get(), query.q())) {
        return Future.succeededFuture(Optional.empty());
      }
      Lead lead = found.get();
      return scoring.refreshView(leadId, lead.site()).map(now -> {
        if (query.minScore() != null && now.score() < query.minScore()) {
          return Optional.empty();
        }
        return Optional.of(summary(lead, now));
      });
    });
  }

  private static JsonObject summary(Lead lead, ScoreResult now) {
    return new JsonObject().put("id", lead.id()).put("site", lead.site()).put("email", lead.email())
        .put("stage", lead.stage().label()).put("score", now.score()).put("fit", now.fit())
        .put("fields", lead.fields().copy()).put("created_at", lead.createdAt()).put("updated_at", lead.updatedAt())
        .put("last_activity_at", now.activity() == 0 ? null : now.activity());
  }

  static boolean matches(Lead lead, String q) {
    if (q == null || q.isBlank()) {
      return true;
    }
    String needle = q.strip().toLowerCase(Locale.ROOT);
    if (lead.email().toLowerCase(Locale.ROOT).contains(needle)) {
      return true;
    }
    for (var field : lead.fields()) {
      if (field.getValue() != null && field.getValue().toString().toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  /** The lead's profile, fields, score explanation, stage history and timeline; empty when there is no such lead. */
  public Future<Optional<JsonObject>> profile(String leadId) {
    if (!LeadIds.isLeadId(leadId)) {
      return Future.succeededFuture(Optional.empty());
    }
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<JsonObject>empty());
      }
      Lead lead = found.get();
      var explanation = scoring.explain(leadId, lead.site());
      var stages = leads.stages(leadId);
      var visitors = leads.visitors(leadId);
      var timeline = history.of(leadId, TIMELINE_MAX);
      return Future.all(explanation, stages, visitors, timeline).map(done -> {
        JsonArray stageHistory = new JsonArray();
        stages.result().forEach(s -> stageHistory.add(s.toJson()));
        JsonObject profile = lead.toJson().put("score", explanation.result().score())
            .put("score_breakdown", explanation.result().toJson()).put("stage_history", stageHistory)
            .put("visitors", new JsonArray(new ArrayList<>(visitors.result())))
            .put("timeline", new JsonArray(new ArrayList<>(timeline.result())));
        return Optional.of(profile);
      });
    });
  }

  /**
   * Sales feedback: sets the stage (any stage; moving back, disqualifying or requalifying needs a reason).
   *
   * @return the lead after it, with its score; empty when there is no such lead
   */
  public Future<Optional<JsonObject>> setStage(String leadId, String stageLabel, String reason, String by) {
    Stage stage = Stage.parse(stageLabel == null ? "" : stageLabel.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new Unprocessable("invalid_stage", "stage", "must be one of "
            + java.util.Arrays.stream(Stage.values()).map(Stage::label).toList() + " (was \"" + stageLabel + "\")"));
    if (reason != null && reason.length() > 500) {
      throw new Unprocessable("invalid_reason", "reason", "must be at most 500 characters");
    }
    if (!LeadIds.isLeadId(leadId)) {
      return Future.succeededFuture(Optional.empty());
    }
    return scoring.setStage(leadId, stage, reason, by)
        .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
            ? new Unprocessable("reason_required", "reason", e.getMessage()) : e))
        .compose(after -> after.isEmpty() ? Future.succeededFuture(Optional.<JsonObject>empty())
            : scoring.refreshView(leadId, after.get().site())
                .map(now -> Optional.of(after.get().toJson().put("score", now.score()).put("fit", now.fit()))));
  }

  /** The site a request is about: the one given, or the only one configured. */
  public String site(String given) {
    if (given == null || given.isBlank()) {
      if (sites.size() == 1) {
        return sites.iterator().next();
      }
      throw new InvalidInput("site_required", "site", "name the site (sites: " + sites + ")");
    }
    if (!sites.contains(given)) {
      throw InvalidInput.field("site", "is not a configured site (sites: " + sites + ")");
    }
    return given;
  }

  private static String encodeCursor(IndexHit hit, Query query) {
    String text = query.order().label() + "|" + (query.stage() == null ? "" : query.stage().label()) + "|"
        + hit.value() + "|" + hit.leadId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static IndexHit decodeCursor(String cursor, Query query) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
      String stage = query.stage() == null ? "" : query.stage().label();
      if (parts.length != 4 || !parts[0].equals(query.order().label()) || !parts[1].equals(stage)) {
        throw new IllegalArgumentException("cursor of another query");
      }
      return new IndexHit(parts[3], Double.parseDouble(parts[2]));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.field("cursor", "is not a cursor of this query (use the next value of a page)");
    }
  }
}
