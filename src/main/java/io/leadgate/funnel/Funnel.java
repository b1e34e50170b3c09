package io.leadgate.funnel;

import io.leadgate.identity.Stage;
import io.leadgate.identity.StageEntry;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The funnel of a cohort of leads (pure, no Vert.x): how many reached each step, the conversion from the step
 * before, the median time from the step before, the same counts split by first-touch source, campaign and lead
 * magnet, and the disqualified apart with their reasons.
 *
 * <p>A lead reached a step when its stage history holds that stage or a later one (a lead moved straight to SQL
 * passed MQL too); the time it reached it is the first such entry. {@code evangelist} counts as {@code customer}.
 */
public final class Funnel {
  /** The steps after the visitors, in order; {@code lead} includes subscribers. */
  public static final List<Stage> STEPS = List.of(Stage.LEAD, Stage.MQL, Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER);

  /**
   * One lead of the cohort.
   *
   * @param source   the first touch's source label ({@code google / cpc}, {@code direct})
   * @param campaign the first touch's {@code utm_campaign}, or {@code (none)}
   * @param magnet   the form that made the lead, or {@code (none)}
   * @param madeAt   when it was made (ms)
   * @param history  its stage history, oldest first
   * @param disqualifiedReason why it is disqualified now, or null
   */
  public record LeadFacts(String source, String campaign, String magnet, long madeAt, List<StageEntry> history,
                          String disqualifiedReason) {

    /** When the lead first reached each step (index as {@link #STEPS}), or -1. */
    long[] reached() {
      long[] at = new long[STEPS.size()];
      Arrays.fill(at, -1);
      at[0] = madeAt;
      for (StageEntry entry : history) {
        int step = step(entry.stage());
        for (int k = 1; k <= step; k++) {
          if (at[k] < 0) {
            at[k] = entry.at();
          }
        }
      }
      return at;
    }

    boolean disqualified() {
      return disqualifiedReason != null || history.stream().anyMatch(e -> e.stage() == Stage.DISQUALIFIED);
    }

    String reason() {
      if (disqualifiedReason != null) {
        return disqualifiedReason;
      }
      return history.stream().filter(e -> e.stage() == Stage.DISQUALIFIED).reduce((a, b) -> b)
          .map(e -> e.reason() == null ? "(none)" : e.reason()).orElse("(none)");
    }
  }

  private Funnel() {
  }

  /** The step a stage stands for: -1 for disqualified, 0 for subscriber and lead, 4 for customer and evangelist. */
  static int step(Stage stage) {
    return switch (stage) {
      case DISQUALIFIED -> -1;
      case SUBSCRIBER, LEAD -> 0;
      case EVANGELIST -> STEPS.size() - 1;
      default -> STEPS.indexOf(stage);
    };
  }

  /** The whole funnel of the cohort after {@code visitors} unique visitors. */
  public static JsonObject of(long visitors, List<LeadFacts> leads) {
    List<long[]> reached = leads.stream().map(LeadFacts::reached).toList();
    List<Object> steps = new ArrayList<>();
    steps.add(new JsonObject().put("step", "visitors").put("count", visitors));
    long before = visitors;
    for (int k = 0; k < STEPS.size(); k++) {
      int step = k;
      long count = reached.stream().filter(at -> at[step] >= 0).count();
      JsonObject out = new JsonObject().put("step", STEPS.get(k).label()).put("count", count)
          .put("conversion", before == 0 ? null : (double) count / before);
      if (k > 0) {
        out.put("medianSecondsFromPrevious", median(reached.stream()
            .filter(at -> at[step] >= 0 && at[step - 1] >= 0).map(at -> (at[step] - at[step - 1]) / 1000).toList()));
      }
      steps.add(out);
      before = count;
    }
    Map<String, Object> reasons = new TreeMap<>();
    leads.stream().filter(LeadFacts::disqualified)
        .forEach(lead -> reasons.merge(lead.reason(), 1L, (a, b) -> (Long) a + (Long) b));
    return new JsonObject().put("visitors", visitors).put("steps", new io.vertx.core.json.JsonArray(steps))
        .put("disqualified", new JsonObject().put("count", leads.stream().filter(LeadFacts::disqualified).count())
            .put("reasons", new JsonObject(reasons)))
        .put("bySource", split(leads, LeadFacts::source)).put("byCampaign", split(leads, LeadFacts::campaign))
        .put("byMagnet", split(leads, LeadFacts::magnet));
  }

  /** Per value of {@code key}: how many leads reached each step, and the disqualified. */
  private static JsonObject split(List<LeadFacts> leads, Function<LeadFacts, String> key) {
    Map<String, Object> out = new TreeMap<>();
    for (LeadFacts lead : leads) {
      JsonObject counts = (JsonObject) out.computeIfAbsent(key.apply(lead), k -> empty());
      long[] at = lead.reached();
      for (int k = 0; k < STEPS.size(); k++) {
        if (at[k] >= 0) {
          counts.put(STEPS.get(k).label(), counts.getLong(STEPS.get(k).label()) + 1);
        }
      }
      if (lead.disqualified()) {
        counts.put("disqualified", counts.getLong("disqualified") + 1);
      }
    }
    return new JsonObject(out);
  }

  private static JsonObject empty() {
    JsonObject counts = new JsonObject();
    STEPS.forEach(step -> counts.put(step.label(), 0L));
    return counts.put("disqualified", 0L);
  }

  /** The median (the mean of the middle two for an even count), or null with no values. */
  static Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }
}
