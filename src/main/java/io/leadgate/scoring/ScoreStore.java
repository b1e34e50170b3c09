package io.leadgate.scoring;

import io.leadgate.identity.Stage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Lead scores and the per-site lead indexes. The store decides nothing: {@code scoring.ScoreStep} decides a
 * {@link ScoreChange} from a {@link #read}, and {@link #write} applies it, with the stage changes and outbox entries
 * it carries, in one atomic step (Redis: one Lua script on the lead's shard; in memory: under the lead store's lock)
 * if the lead's {@code seq} and the state's version are still those read. So concurrent events on any number of
 * instances move a lead across a threshold exactly once: the losers read again and find it moved.
 *
 * <p>The indexes (by score, by recent activity, each per stage as well) are updated after the step, idempotently:
 * an entry carrying an older {@link IndexEntry#version} than the stored one is ignored.
 */
public interface ScoreStore {
  /** Event ids remembered per lead for de-duplication; older ones fall behind a horizon and are not scored again. */
  int KEPT_EVENT_IDS = 256;
  /** Newest points entries kept per lead for explanations. */
  int KEPT_LOG = 100;

  /**
   * The lead, its scoring state and which of {@code eventIds} were scored before; {@link ScoreSnapshot#noLead()}
   * when there is no such lead.
   */
  Future<ScoreSnapshot> read(String leadId, Collection<String> eventIds);

  /**
   * Writes the change atomically if the lead's {@code seq} is {@code expectedSeq} and the state's version is
   * {@code expectedVersion}: the state, the scored ids (the newest {@link #KEPT_EVENT_IDS} kept, the horizon moved
   * past the rest), the points log (the newest {@link #KEPT_LOG}), each lead change with its history entry and
   * outbox event.
   *
   * @return false, writing nothing, when the lead or its state moved on since they were read
   */
  Future<Boolean> write(ScoreChange change);

  /** The lead's site, email and fields exactly as stored (what a fit update is checked against). */
  Future<Optional<FitSource>> fitSource(String leadId);

  /** The stored scoring state with its newest points; {@link ScoreState#EMPTY} when nothing was scored yet. */
  Future<ScoreState> state(String leadId);

  /** Erasure: deletes the lead's scoring state, scored ids and points (the lead's shard). Idempotent. */
  Future<Void> erase(String leadId);

  /** Erasure: takes the lead out of its site's indexes (the site's index tag). Idempotent. */
  Future<Void> unindex(String site, String leadId);

  /**
   * Whether the site's score index holds each lead's ceiling ({@link ScoringService#ceiling}); an index written before
   * it did is rebuilt once ({@link ScoringService#ceilingsBackfill}).
   */
  Future<Boolean> ceilingsIndexed(String site);

  /** Marks the site's score index as holding ceilings. */
  Future<Void> markCeilingsIndexed(String site);

  /** Puts the lead in its site's indexes, unless a newer version is there already. */
  Future<Void> index(String site, IndexEntry entry);

  /**
   * Index entries ordered by value (score or activity) descending, then lead id descending, from {@code max}
   * (inclusive; null: the top) on, skipping {@code offset} entries.
   *
   * @param stage null for every stage
   */
  Future<List<IndexHit>> range(String site, Stage stage, LeadOrder order, Double max, int offset, int count);

  /**
   * The page after {@code after} (null: the first page), keyset-paginated so that changes between pages neither
   * repeat nor skip an unchanged lead.
   */
  default Future<List<IndexHit>> page(String site, Stage stage, LeadOrder order, IndexHit after, int count) {
    return page(site, stage, order, after, count, 0, new ArrayList<>());
  }

  private Future<List<IndexHit>> page(String site, Stage stage, LeadOrder order, IndexHit after, int count, int offset,
                                      List<IndexHit> out) {
    int fetch = count + 1;
    return range(site, stage, order, after == null ? null : after.value(), offset, fetch).compose(hits -> {
      for (IndexHit hit : hits) {
        boolean beyond = after == null || hit.value() < after.value()
            || (hit.value() == after.value() && hit.leadId().compareTo(after.leadId()) < 0);
        if (beyond && out.size() < count) {
          out.add(hit);
        }
      }
      if (out.size() >= count || hits.size() < fetch) {
        return Future.succeededFuture(out);
      }
      return page(site, stage, order, after, count, offset + hits.size(), out);
    });
  }

  /** A lead's site, email and its fields JSON as stored. */
  record FitSource(String site, String email, String fields) {
  }

  /**
   * @param score    the score order's value: the lead's ceiling ({@link ScoringService#ceiling})
   * @param version  {@link io.leadgate.scoring.ScoreResult#version}
   * @param activity the newest scored event's time (the "recent" order)
   */
  record IndexEntry(String leadId, long version, Stage stage, double score, long activity) {
  }

  /** One index entry: the lead and its value in the order (score, or activity in ms). */
  record IndexHit(String leadId, double value) {
  }

  enum LeadOrder {
    SCORE, RECENT;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
