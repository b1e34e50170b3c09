package io.leadgate.privacy;

import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Data rights: export what is held about a person, erase it (answered at once; the steps run in the background and
 * survive crashes), show an erasure's progress, read the audit log. Never sees an HTTP request.
 */
public final class PrivacyService {
  private static final Logger LOG = Logger.getLogger(PrivacyService.class.getName());
  private final ExportService export;
  private final ErasurePlanner planner;
  private final ErasureRunner runner;
  private final ErasureStore erasures;
  private final AuditLog audit;
  private final List<String> sites;
  private final Clock clock;

  PrivacyService(ExportService export, ErasurePlanner planner, ErasureRunner runner, ErasureStore erasures,
                 AuditLog audit, List<String> sites, Clock clock) {
    this.export = export;
    this.planner = planner;
    this.runner = runner;
    this.erasures = erasures;
    this.audit = audit;
    this.sites = List.copyOf(sites);
    this.clock = clock;
  }

  public Subject subject(String email, String visitor, String site) {
    return Subject.of(email, visitor, site, sites);
  }

  /** The keyed hash that stands for the subject in the audit log and in the erasure's record. */
  String subjectHash(Subject subject) {
    return subject.email() != null ? planner.emailHash(subject.email().key())
        : planner.emailHash("visitor:" + subject.sites().get(0) + "/" + subject.visitor());
  }

  public Future<JsonObject> export(Subject subject) {
    return export.export(subject);
  }

  /**
   * Plans the erasure, saves it, answers its id, and runs it in the background.
   *
   * @param by who asked ({@code api:NAME}, {@code user:NAME}, {@code retention})
   */
  public Future<String> erase(Subject subject, String by) {
    return plan(subject, by).map(id -> {
      runner.run(id).onFailure(e -> LOG.warning("erasure " + id + " stopped (taken up again later): "
          + e.getMessage()));
      return id;
    });
  }

  /** Plans and saves the erasure without running it: what a crash right after the answer leaves. */
  Future<String> plan(Subject subject, String by) {
    String id = "era_" + UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    return planner.plan(subject).compose(steps -> {
      JsonObject erasure = new JsonObject().put("id", id).put("status", "running").put("requestedAt", now)
          .put("updatedAt", now).put("by", by).put("subject", subject.email() != null ? "email" : "visitor")
          .put("subjectHash", subjectHash(subject)).put("next", 0).put("total", steps.size()).put("steps", steps);
      return erasures.save(id, erasure, false)
          .compose(v -> audit.append(new JsonObject().put("at", now).put("who", by).put("action", "erase")
              .put("what", "erasure requested").put("subject", id)))
          .map(id);
    });
  }

  /** The erasure's progress: steps done of total, status, times. */
  public Future<JsonObject> erasure(String id) {
    if (id == null || !id.matches("era_[0-9a-f]{32}")) {
      return Future.failedFuture(new NotFound("erasure_not_found", "no erasure " + id));
    }
    return erasures.get(id).map(found -> {
      JsonObject erasure = found.orElseThrow(() -> new NotFound("erasure_not_found", "no erasure " + id));
      JsonArray steps = erasure.getJsonArray("steps", new JsonArray());
      JsonArray names = new JsonArray();
      steps.forEach(s -> names.add(s instanceof JsonObject step ? step.getString("op") : s));
      int total = erasure.getInteger("total", steps.size());
      return new JsonObject().put("id", id).put("status", erasure.getString("status"))
          .put("by", erasure.getString("by")).put("subject", erasure.getString("subject"))
          .put("requestedAt", erasure.getLong("requestedAt")).put("updatedAt", erasure.getLong("updatedAt"))
          .put("completedAt", erasure.getLong("completedAt"))
          .put("progress", new JsonObject().put("done", Math.min(erasure.getInteger("next", 0), total))
              .put("total", total)).put("steps", names);
    });
  }

  /** A page of the audit log, newest first; {@code next} is the cursor of the following page, absent at the end. */
  public Future<JsonObject> audit(String before, int limit) {
    if (before != null && !before.matches("[0-9]{1,20}(-[0-9]{1,20})?")) {
      throw InvalidInput.field("before", "must be a position from an earlier page");
    }
    return audit.page(before, limit + 1).map(entries -> {
      JsonObject page = new JsonObject();
      List<JsonObject> shown = entries.size() > limit ? entries.subList(0, limit) : entries;
      page.put("entries", new JsonArray(List.copyOf(shown)));
      if (entries.size() > limit) {
        page.put("next", shown.get(shown.size() - 1).getString("position"));
      }
      return page;
    });
  }

  Future<Void> resume() {
    return runner.resume();
  }
}
