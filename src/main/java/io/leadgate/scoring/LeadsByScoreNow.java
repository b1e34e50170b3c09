package io.leadgate.scoring;

import io.leadgate.scoring.LeadsService.Query;
import io.leadgate.scoring.ScoreStore.IndexHit;
import io.leadgate.scoring.ScoreStore.LeadOrder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The lead list by score, highest first, in the order of the scores its rows show: each lead's score as of the
 * list's time {@code at} (its first page's), not as of its last change.
 *
 * <p>The score index holds each lead's ceiling (the most its score can be until its next change:
 * {@link ScoringService#ceiling}). Walking it from the top, every lead not read yet scores at most the value of the
 * last entry read, so a lead read whose score is above that value is in its final place: the page is the best of
 * those (a threshold walk). Scores of one lead at one {@code at} never change, so the pages of a list, each after the
 * previous page's last (score, id), neither repeat nor skip a lead while nothing changes. A page starts its walk
 * after the longest run of index entries whose leads were all listed (or left out by the filters) before it.
 *
 * <p>Bound: one request reads {@link LeadsService#SCAN_MAX} index entries at most. When that is not enough to place
 * one lead for certain (more than that many leads whose score decayed far below their ceiling sit above the next
 * one), the page is the best of the leads read, which may put a lead read later above it.
 */
final class LeadsByScoreNow {
  /** Where a list by score is: its time, the last row listed (null: none yet), where the walk resumes. */
  record Position(long at, Double score, String leadId, IndexHit resume) {
    boolean before(double otherScore, String otherId) {
      return score == null || otherScore < score || (otherScore == score && otherId.compareTo(leadId) < 0);
    }
  }

  private record Read(IndexHit hit, JsonObject row) {
  }

  private static final Comparator<JsonObject> HIGHEST_FIRST = Comparator
      .comparingDouble((JsonObject row) -> row.getDouble("score"))
      .thenComparing(row -> row.getString("id")).reversed();

  private final ScoreStore scores;
  private final BiFunction<String, Long, Future<Optional<JsonObject>>> row;

  /** @param row the lead's list row as of a time, if it passes the query's filters */
  LeadsByScoreNow(ScoreStore scores, BiFunction<String, Long, Future<Optional<JsonObject>>> row) {
    this.scores = scores;
    this.row = row;
  }

  /** The page after {@code from}, into {@code found}; returns where the next page starts, or null at the end. */
  Future<Position> page(Query query, Position from, List<JsonObject> found) {
    List<Read> read = new ArrayList<>();
    return walk(query, from, from.resume(), read).map(exhausted -> choose(query, from, read, exhausted, found));
  }

  /** Reads the index after {@code after} until enough leads are placed; true when it reached the index's end. */
  private Future<Boolean> walk(Query query, Position from, IndexHit after, List<Read> read) {
    int batch = Math.max(query.limit(), 50);
    return scores.page(query.site(), query.stage(), LeadOrder.SCORE, after, batch).compose(hits -> {
      List<Future<Optional<JsonObject>>> rows = hits.stream().map(hit -> row.apply(hit.leadId(), from.at())).toList();
      return Future.all(rows).compose(done -> {
        for (int i = 0; i < hits.size(); i++) {
          read.add(new Read(hits.get(i), rows.get(i).result().orElse(null)));
        }
        if (hits.size() < batch) {
          return Future.succeededFuture(true);
        }
        IndexHit last = hits.get(hits.size() - 1);
        if (read.size() >= LeadsService.SCAN_MAX || placed(from, read, last.value()) >= query.limit()) {
          return Future.succeededFuture(false);
        }
        return walk(query, from, last, read);
      });
    });
  }

  /** Rows read that belong after {@code from} and score above {@code ceiling}: no lead unread can pass them. */
  private static long placed(Position from, List<Read> read, double ceiling) {
    return read.stream().filter(r -> r.row() != null && after(from, r.row()) && score(r.row()) > ceiling).count();
  }

  private static Position choose(Query query, Position from, List<Read> read, boolean exhausted,
                                 List<JsonObject> found) {
    List<JsonObject> candidates = read.stream().map(Read::row).filter(r -> r != null && after(from, r))
        .sorted(HIGHEST_FIRST).toList();
    int k = (int) Math.min(query.limit(), exhausted ? candidates.size()
        : placed(from, read, read.get(read.size() - 1).hit().value()));
    IndexHit resume = resume(read, next(from, candidates, k, null));
    if (k == 0 && !exhausted && resume == from.resume()) {
      // the bound: nothing placed for certain and no progress otherwise, so the best of the leads read
      k = Math.min(query.limit(), candidates.size());
      resume = resume(read, next(from, candidates, k, null));
    }
    found.addAll(candidates.subList(0, k));
    return exhausted && k == candidates.size() ? null : next(from, candidates, k, resume);
  }

  private static Position next(Position from, List<JsonObject> candidates, int k, IndexHit resume) {
    if (k == 0) {
      return new Position(from.at(), from.score(), from.leadId(), resume == null ? from.resume() : resume);
    }
    JsonObject last = candidates.get(k - 1);
    return new Position(from.at(), score(last), last.getString("id"), resume == null ? from.resume() : resume);
  }

  /** The last of the entries read, in index order, up to which every lead is listed by {@code next} or left out. */
  private static IndexHit resume(List<Read> read, Position next) {
    IndexHit resume = next.resume();
    for (Read r : read) {
      if (r.row() != null && after(next, r.row())) {
        break;
      }
      resume = r.hit();
    }
    return resume;
  }

  private static boolean after(Position from, JsonObject row) {
    return from.before(score(row), row.getString("id"));
  }

  private static double score(JsonObject row) {
    return row.getDouble("score");
  }
}
