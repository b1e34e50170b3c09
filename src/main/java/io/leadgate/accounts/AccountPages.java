package io.leadgate.accounts;

import io.leadgate.core.NotFound;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.StageEntry;
import io.leadgate.scoring.ScoreResult;
import io.leadgate.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the account API shows: a site's accounts in an order ({@code GET /api/accounts}) and one account's page
 * ({@code GET /api/accounts/{domain}}: its leads with their stages and scores, its merged timeline, its fields, its
 * score with the explanation). Scores are computed at the time of the request: they decay as a lead's do.
 */
public final class AccountPages {
  /** Accounts looked at for a {@code q} search or a {@code stage} filter: the first this many of the order. */
  static final int SEARCH_SCAN = 500;
  /** Leads whose stage history joins the account's timeline. */
  static final int TIMELINE_LEADS = 50;
  static final int TIMELINE = 200;

  private final AccountStore accounts;
  private final LeadStore leads;
  private final ScoringService scoring;
  private final AccountsService service;
  private final Clock clock;

  public AccountPages(AccountStore accounts, LeadStore leads, ScoringService scoring, AccountsService service,
                      Clock clock) {
    this.accounts = accounts;
    this.leads = leads;
    this.scoring = scoring;
    this.service = service;
    this.clock = clock;
  }

  /**
   * @param q     words of the domain or the company name (case-insensitive), or null
   * @param stage only the accounts at this stage, or null for all
   */
  public record Query(String site, AccountStore.Order order, String q, AccountStage stage, int limit, int offset) {
  }

  public Future<JsonObject> list(Query query) {
    boolean filtered = (query.q() != null && !query.q().isBlank()) || query.stage() != null;
    int fetch = filtered ? SEARCH_SCAN : query.offset() + query.limit();
    int skip = filtered ? 0 : query.offset();
    return accounts.list(query.site(), query.order(), skip, filtered ? fetch : query.limit()).compose(hits -> {
      List<Future<Optional<Account>>> reads = hits.stream().map(h -> accounts.read(query.site(), h.domain())).toList();
      return Future.all(reads).map(done -> {
        String needle = query.q() == null || query.q().isBlank() ? null : query.q().strip().toLowerCase(Locale.ROOT);
        List<JsonObject> rows = new ArrayList<>();
        for (Future<Optional<Account>> read : reads) {
          Optional<Account> account = read.result();
          if (account.isEmpty() || account.get().mergedInto() != null
              || (needle != null && !matches(account.get(), needle))
              || (query.stage() != null && account.get().stage() != query.stage())) {
            continue;
          }
          rows.add(row(account.get()));
        }
        if (query.order() == AccountStore.Order.SCORE) {
          // the store's order is by the score as of each account's last change; the rows show (and go by) the
          // score now, decayed: within what was read (a page, or the accounts searched)
          rows.sort(Comparator.comparingDouble((JsonObject row) -> row.getDouble("score")).reversed());
        }
        List<JsonObject> page = filtered
            ? rows.subList(Math.min(query.offset(), rows.size()), Math.min(query.offset() + query.limit(), rows.size()))
            : rows;
        return new JsonObject().put("site", query.site()).put("order", query.order().label())
            .put("accounts", new JsonArray(new ArrayList<>(page)))
            .put("next_offset", page.size() < query.limit() ? null : query.offset() + query.limit());
      });
    });
  }

  public Future<JsonObject> account(String site, String domain) {
    String key = AccountDomains.registrable(domain).orElseThrow(() -> notFound(domain));
    return accounts.read(site, key).compose(found -> {
      Account account = found.filter(a -> !a.members().isEmpty() || a.mergedInto() != null
          || !a.fields().isEmpty()).orElseThrow(() -> notFound(domain));
      AccountScore score = score(account);
      List<String> shown = score.leads().stream().map(AccountScore.LeadPart::lead).limit(TIMELINE_LEADS).toList();
      List<Future<ScoreResult>> views = shown.stream().map(id -> scoring.refreshView(id, site)).toList();
      List<Future<List<StageEntry>>> stages = shown.stream().map(leads::stages).toList();
      Future<List<AccountEntry>> history = accounts.history(site, key, TIMELINE);
      return Future.all(Future.all(views), Future.all(stages), history).map(done -> {
        JsonArray leadRows = new JsonArray();
        List<JsonObject> timeline = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
          Member m = account.members().get(shown.get(i));
          ScoreResult view = views.get(i).result();
          AccountScore.LeadPart part = score.leads().get(i);
          leadRows.add(new JsonObject().put("id", m.leadId()).put("email", m.email())
              .put("name", m.fields().getValue("name") instanceof String name && !name.isBlank() ? name : null)
              .put("stage", view.stage() == null ? m.stage() : view.stage().label()).put("score", view.score())
              .put("behaviour", part.behaviour()).put("engaged", part.engaged()).put("activity", m.activity()));
          for (StageEntry e : stages.get(i).result()) {
            timeline.add(new JsonObject().put("at", e.at()).put("kind", "lead_stage").put("lead", m.leadId())
                .put("email", m.email()).put("stage", e.stage().label())
                .put("from", e.from() == null ? null : e.from().label()).put("reason", e.reason()).put("by", e.by()));
          }
        }
        history.result().forEach(h -> timeline.add(h.toJson().put("kind", "account_" + h.kind())));
        timeline.sort(Comparator.comparingLong((JsonObject t) -> t.getLong("at")).reversed());
        return new JsonObject().put("site", site).put("domain", account.domain())
            .put("fields", account.fields().copy()).put("stage", account.stage().label())
            .put("created_at", account.createdAt()).put("updated_at", account.updatedAt())
            .put("merged", new JsonArray(new ArrayList<>(account.merged()))).put("merged_into", account.mergedInto())
            .put("score", score.toJson()).put("leads", leadRows)
            .put("timeline", new JsonArray(new ArrayList<>(timeline.subList(0, Math.min(TIMELINE, timeline.size())))));
      });
    });
  }

  private AccountScore score(Account account) {
    return AccountScore.of(account, service.accountRules(), service.halfLifeMs(account.site()), clock.millis());
  }

  private JsonObject row(Account account) {
    AccountScore score = score(account);
    long activity = account.members().values().stream().mapToLong(Member::activity).max().orElse(0);
    return new JsonObject().put("domain", account.domain()).put("company", account.fields().getValue("company"))
        .put("stage", account.stage().label()).put("score", score.total()).put("leads", account.members().size())
        .put("engaged_people", score.engaged()).put("activity", activity).put("updated_at", account.updatedAt());
  }

  private static boolean matches(Account account, String needle) {
    Object company = account.fields().getValue("company");
    return account.domain().contains(needle)
        || (company != null && String.valueOf(company).toLowerCase(Locale.ROOT).contains(needle));
  }

  private static NotFound notFound(String domain) {
    return new NotFound("account_not_found", "no account " + domain);
  }
}
