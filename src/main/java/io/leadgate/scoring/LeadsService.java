package io.leadgate.scoring;

import io.leadgate.core.InvalidInput;
import io.leadgate.core.Unprocessable;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadFinder;
import io.leadgate.identity.LeadHistory;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.SearchTokens;
import io.leadgate.identity.Stage;
import io.leadgate.identity.StageEntry;
import io.leadgate.identity.LeadStore;
import io.leadgate.scoring.ScoreStore.IndexHit;
import io.leadgate.scoring.ScoreStore.LeadOrder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the lead API answers: lists from the site indexes, profiles with score and history, sales feedback. */
public final class LeadsService {
  public static final int TIMELINE_MAX = 200;
  /** Index entries one list request looks at, at most: a narrow filter answers a short page and a cursor. */
  static final int SCAN_MAX = 1000;

  private final LeadStore leads;
  private final ScoreStore scores;
  private final ScoringService scoring;
  private final LeadHistory history;
  private final LeadFinder finder;
  private final Map<String, ZoneId> sites;

  public LeadsService(LeadStore leads, ScoreStore scores, ScoringService scoring, LeadHistory history,
                      LeadFinder finder, Map<String, ZoneId> sites) {
    this.leads = leads;
    this.scores = scores;
    this.scoring = scoring;
    this.history = history;
    this.finder = finder;
    this.sites = Collections.unmodifiableMap(new LinkedHashMap<>(sites));
  }

  /**
   * A list request.
   *
   * @param stage  only leads in this stage, or null: every stage but {@code disqualified} (junk is left out of the
   *               lists sales work from unless asked for), or with {@code q} every stage
   * @param filter score range, first touch, magnet and creation time the leads must have ({@link LeadFilter#NONE})
   * @param q      only leads found by this text ({@link SearchTokens#query}: exact email, email domain, or the
   *               start of a name or company word), from the search indexes, or null
   * @param cursor where the previous page ended, or null
   */
  public record Query(String site, Stage stage, LeadFilter filter, String q, LeadOrder order, int limit,
                      String cursor) {
    boolean searches() {
      return q != null && !q.isBlank();
    }

    boolean filters() {
      return stage != null || !filter.isEmpty();
    }
  }

  public Future<JsonObject> list(Query query) {
    List<JsonObject> found = new ArrayList<>();
    if (query.searches()) {
      SearchTokens.Query wanted = SearchTokens.query(query.q());
      String after = query.cursor() == null ? null : LeadCursors.decodeSearch(query.cursor(), query);
      return search(query, wanted, after, found, new HashSet<>(), 0)
          .map(next -> page(found, next == null ? null : LeadCursors.encodeSearch(next, query)));
    }
    if (query.order() == LeadOrder.SCORE) {
      LeadsByScoreNow.Position from = query.cursor() == null ? new LeadsByScoreNow.Position(scoring.now(), null,
          null, null) : LeadCursors.decodeByScore(query.cursor(), query);
      return new LeadsByScoreNow(scores, (leadId, at) -> row(leadId, query, at)).page(query, from, found)
          .map(next -> page(found, next == null ? null : LeadCursors.encodeByScore(next, query)));
    }
    IndexHit after = query.cursor() == null ? null : LeadCursors.decode(query.cursor(), query);
    long now = scoring.now();
    return scan(query, after, found, 0, now)
        .map(next -> page(found, next == null ? null : LeadCursors.encode(next, query)));
  }

  private static JsonObject page(List<JsonObject> found, String next) {
    return new JsonObject().put("leads", new JsonArray(new ArrayList<>(found))).put("next", next);
  }

  /**
   * Pages through the index by recent activity, keeping matching leads (as of {@code now}); returns where to
   * continue, or null at the end.
   */
  private Future<IndexHit> scan(Query query, IndexHit after, List<JsonObject> found, int scanned, long now) {
    int batch = Math.max(query.limit(), 50);
    return scores.page(query.site(), query.stage(), query.order(), after, batch).compose(hits -> {
      List<Future<Optional<JsonObject>>> rows = new ArrayList<>();
      hits.forEach(hit -> rows.add(row(hit.leadId(), query, now)));
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
        return total >= SCAN_MAX ? Future.succeededFuture(last) : scan(query, last, found, total, now);
      });
    });
  }

  /**
   * Pages through the search index's matches, keeping those that pass the filters; returns the position to continue
   * from, or null at the end. Without filters it reads exactly one page of matches.
   */
  private Future<String> search(Query query, SearchTokens.Query wanted, String after, List<JsonObject> found,
                                Set<String> seen, int read) {
    int batch = query.filters() ? Math.max(query.limit(), 50) : query.limit();
    long now = scoring.now();
    return finder.find(query.site(), wanted, after, batch).compose(page -> {
      List<Future<Optional<JsonObject>>> rows = new ArrayList<>();
      // a lead with two matching words comes twice: shown once per request
      page.hits().forEach(hit -> rows.add(seen.add(hit.leadId()) ? row(hit.leadId(), query, now)
          : Future.succeededFuture(Optional.empty())));
      return Future.all(rows).compose(done -> {
        for (int i = 0; i < rows.size(); i++) {
          rows.get(i).result().ifPresent(found::add);
          if (found.size() >= query.limit()) {
            return Future.succeededFuture(i + 1 < rows.size() ? page.hits().get(i).position() : page.next());
          }
        }
        int total = read + rows.size();
        return page.next() == null || total >= SCAN_MAX ? Future.succeededFuture(page.next())
            : search(query, wanted, page.next(), found, seen, total);
      });
    });
  }

  /** The lead as a list shows it, if it passes the filters with its current stage and its score as of {@code at}. */
  private Future<Optional<JsonObject>> row(String leadId, Query query, long at) {
    LeadFilter filter = query.filter();
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty() || (query.stage() != null && found.get().stage() != query.stage())
          || (query.stage() == null && !query.searches() && found.get().stage() == Stage.DISQUALIFIED)
          || !filter.admits(found.get())) {
        return Future.succeededFuture(Optional.empty());
      }
      Lead lead = found.get();
      Future<Boolean> magnet = filter.magnet() == null ? Future.succeededFuture(true)
          : leads.stages(leadId).map(history -> filter.admitsMagnet(StageEntry.magnet(history)));
      return magnet.compose(admitted -> !admitted ? Future.succeededFuture(Optional.<JsonObject>empty())
          : scoring.view(leadId, lead.site(), at).map(now -> filter.admitsScore(now.score())
              ? Optional.of(summary(lead, now)) : Optional.<JsonObject>empty()));
    });
  }

  /** A list row: who, where they stand, where they first came from and, for junk, why. */
  private static JsonObject summary(Lead lead, ScoreResult now) {
    return new JsonObject().put("id", lead.id()).put("site", lead.site()).put("email", lead.email())
        .put("stage", lead.stage().label()).put("score", now.score()).put("fit", now.fit())
        .put("fields", lead.fields().copy()).put("created_at", lead.createdAt()).put("updated_at", lead.updatedAt())
        .put("last_activity_at", now.activity() == 0 ? null : now.activity())
        .put("first_touch", firstTouch(lead.firstTouch())).put("disqualified_reason", lead.disqualifiedReason());
  }

  /** Source, medium and campaign of a touch: its UTM tags, else what attribution named it ({@code google / cpc}). */
  static JsonObject firstTouch(JsonObject touch) {
    String label = touch.getString("source", "");
    int slash = label.indexOf(" / ");
    String medium = touch.getString("utm_medium", slash < 0 ? null : label.substring(slash + 3));
    String source = slash < 0 ? (label.isEmpty() ? null : label) : label.substring(0, slash);
    return new JsonObject()
        .put("source", touch.getString("utm_source", source))
        .put("medium", "(none)".equals(medium) ? null : medium)
        .put("campaign", touch.getString("utm_campaign"));
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
        return sites.keySet().iterator().next();
      }
      throw new InvalidInput("site_required", "site", "name the site (sites: " + sites.keySet() + ")");
    }
    if (!sites.containsKey(given)) {
      throw InvalidInput.field("site", "is not a configured site (sites: " + sites.keySet() + ")");
    }
    return given;
  }

  /** The time zone whose days a site's reports and date filters follow. */
  public ZoneId zone(String site) {
    return sites.get(site);
  }
}
