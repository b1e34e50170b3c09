package io.leadgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.Stores;
import io.leadgate.core.DomainEvent;
import io.leadgate.forms.DomainLists;
import io.leadgate.identity.Conversion;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.LeadScorer;
import io.leadgate.scoring.Points;
import io.leadgate.scoring.ScoreDelta;
import io.leadgate.scoring.ScoringRules;
import io.leadgate.testing.Outboxes;
import io.leadgate.testing.TestClock;
import io.leadgate.webhooks.LeadEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What accounts promise over every {@link AccountStore} (the policy, {@link AccountStep}, applied by
 * {@link AccountsService}), on the in-memory store, a real Redis and a Redis Cluster: leads of one registrable domain
 * make one account scored by {@code scoring.accounts}, free-mail leads none; thresholds crossed once under
 * concurrency, with one history entry and one outbox event; erased leads leave; merges move leads and history.
 */
abstract class AccountStoreContract {
  static final String SITE = "acme";
  static final long T0 = 1_764_000_000_000L;
  static final String YAML = """
      sites: [{key: acme}]
      scoring:
        halfLifeDays: 30
        accounts:
          behaviour: sum
          perPerson: 5
          maxPeople: 5
          engagedAt: 10
          roles:
            - {id: decision-maker, field: role, keywords: [cto, ceo], points: 20}
          fit:
            - {id: software, field: industry, keywords: [software], points: 10}
          engaged: 30
          qualified: 150
      """;
  private final LeadIds ids = new LeadIds();
  private int sequence;
  final TestClock clock = new TestClock(Instant.ofEpochMilli(T0));
  final ScoringRules rules = new ScoringRules(new ConfigLoader().parse(YAML, "test.yaml").scoring(), List.of(SITE),
      d -> false, clock);
  final DomainLists lists = DomainLists.shipped();

  protected abstract Stores stores();

  /** Another instance on the same data (Redis: a second client; memory: the same store). */
  protected abstract Stores otherInstance();

  AccountsService service(Stores stores, Map<String, String> aliases) {
    return new AccountsService(stores.accounts(), stores.leads(), stores.scores(), rules,
        new AccountDomains(lists, aliases), clock);
  }

  AccountsService service() {
    return service(stores(), Map.of());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Lead lead(String email, JsonObject fields) {
    try {
      Conversion c = new Conversion(SITE, EmailAddress.parse(email), ids.get(), "sub-" + (++sequence), "visitor-1",
          "ebook", Stage.LEAD, fields, new JsonArray(), new JsonObject(), null, T0, 3600);
      return await(stores().leads().findOrCreate(c)).lead();
    } catch (EmailAddress.Invalid e) {
      throw new AssertionError(e);
    }
  }

  Future<?> scoreOn(Stores stores, Lead lead, String eventId, int points) {
    ScoreDelta.ScoredEvent e = new ScoreDelta.ScoredEvent(eventId, clock.millis(), "20251124",
        List.of(new Points("pricing", points, 0)), Map.of(), "pageview /pricing");
    return new LeadScorer(stores.scores()).apply(lead.id(), new ScoreDelta(List.of(e), null, false),
        rules.current().site(SITE).thresholds(), clock.millis());
  }

  void score(Lead lead, String eventId, int points) {
    await(scoreOn(stores(), lead, eventId, points));
  }

  Account account(String domain) {
    return await(stores().accounts().read(SITE, domain)).orElseThrow();
  }

  AccountScore scoreOf(Account account) {
    return AccountScore.of(account, rules.current().accounts(), rules.current().site(SITE).thresholds().halfLifeMs(),
        clock.millis());
  }

  List<DomainEvent> outbox(String domain, String type) {
    return Outboxes.of(stores(), Account.ref(SITE, domain)).stream().filter(e -> e.type().equals(type)).toList();
  }

  List<AccountEntry> history(String domain) {
    return await(stores().accounts().history(SITE, domain, 1000));
  }

  @Test
  void threeLeadsOfOneDomain_makeOneAccount_scoredByTheRules() {
    Lead cto = lead("ann@acme.com", new JsonObject().put("role", "CTO").put("company", "ACME")
        .put("industry", "Software"));
    Lead dev = lead("bob@eu.acme.com", new JsonObject().put("role", "Engineer"));
    Lead intern = lead("cy@acme.com", new JsonObject().put("role", "Intern"));
    score(cto, "e-1", 20);
    score(dev, "e-2", 12);
    score(intern, "e-3", 4);
    for (Lead lead : List.of(cto, dev, intern)) {
      assertTrue(await(service().refresh(lead.id())).isPresent());
    }
    Account account = account("acme.com");
    assertEquals(3, account.members().size());
    AccountScore score = scoreOf(account);
    // behaviour 20 + 12 + 4, fit software 10, two engaged (>= 10) x 5, decision maker (ann) 20
    assertEquals(36.0, score.behaviour());
    assertEquals(10.0, score.fit());
    assertEquals(10.0, score.people());
    assertEquals(20.0, score.roleScore());
    assertEquals(76.0, score.total());
    assertEquals(cto.id(), score.roles().get(0).lead());
    assertEquals("ACME", account.fields().getString("company"));
    assertEquals(AccountStage.ENGAGED, account.stage());
    assertEquals(List.of(new AccountStore.Hit("acme.com", 76.0)),
        await(stores().accounts().list(SITE, AccountStore.Order.SCORE, 0, 10)));
    assertEquals(Optional.of("acme.com"), await(stores().accounts().accountOf(SITE, dev.id())));
  }

  @Test
  void freeMailLeads_makeNoAccount() {
    Lead a = lead("ann@gmail.com", new JsonObject());
    Lead b = lead("bob@gmail.com", new JsonObject());
    score(a, "e-1", 50);
    assertTrue(await(service().refresh(a.id())).isEmpty());
    assertTrue(await(service().refresh(b.id())).isEmpty());
    assertTrue(await(stores().accounts().read(SITE, "gmail.com")).isEmpty());
    assertTrue(await(stores().accounts().list(SITE, AccountStore.Order.SCORE, 0, 10)).isEmpty());
  }

  @Test
  void twentyConcurrentEvents_acrossAnAccountsLeads_qualifyItOnce() {
    List<Lead> leads = List.of(lead("ann@acme.com", new JsonObject()), lead("bob@acme.com", new JsonObject()),
        lead("cy@acme.com", new JsonObject()));
    for (Lead lead : leads) {
      score(lead, "warm-" + lead.id(), 30);
      await(service().refresh(lead.id()));
    }
    assertEquals(AccountStage.ENGAGED, account("acme.com").stage());   // 90 + 15
    AccountsService here = service();
    AccountsService there = service(otherInstance(), Map.of());
    // from plain threads, as the score store's contract does: each event scored, then its lead's account refreshed
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(10);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Lead lead = leads.get(i % 3);
        Stores on = i % 2 == 0 ? stores() : otherInstance();
        AccountsService service = i % 2 == 0 ? here : there;
        String id = "e-" + i;
        all.add(threads.submit(() -> {
          start.await();
          await(scoreOn(on, lead, id, 5));
          return await(service.refresh(lead.id()));
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> done : all) {
        done.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      threads.shutdownNow();
    }
    Account account = account("acme.com");
    assertEquals(AccountStage.QUALIFIED, account.stage());
    assertEquals(205.0, scoreOf(account).total());   // 90 + 100 + 15
    assertEquals(1, history("acme.com").stream().filter(h -> "qualified".equals(h.stage())).count());
    List<DomainEvent> qualified = outbox("acme.com", LeadEvents.ACCOUNT_QUALIFIED);
    assertEquals(1, qualified.size());
    assertEquals("engaged", qualified.get(0).data().getString("from"));
    assertEquals(3, qualified.get(0).data().getJsonArray("leads").size());
  }

  @Test
  void twoHundredLeadsOfOneCompanyRefreshedAtOnce_allJoinTheAccount() {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      leads.add(lead("p" + i + "@initech.com", new JsonObject()));
    }
    AccountsService service = service();
    // as a projection batch tells its listeners: all at once, each lead's refresh racing for the one account
    List<Future<?>> all = leads.stream().<Future<?>>map(lead -> service.refresh(lead.id())).toList();
    await(Future.all(all));
    assertEquals(200, account("initech.com").members().size());
  }

  @Test
  void outboxEvents_ofAnAccount_comeInItsOrder() {
    Lead a = lead("ann@acme.com", new JsonObject());
    Lead b = lead("bob@acme.com", new JsonObject());
    await(service().refresh(a.id()));
    await(service().refresh(b.id()));
    List<Long> seqs = Outboxes.of(stores(), Account.ref(SITE, "acme.com")).stream().map(DomainEvent::seq).toList();
    assertEquals(List.of(1L, 2L), seqs);
  }

  @Test
  void staleWrite_isRefused() {
    Lead a = lead("ann@acme.com", new JsonObject());
    AccountStep.Decision first = await(service().refresh(a.id())).orElseThrow();
    Member m = first.account().members().get(a.id());
    AccountStep.Decision late = AccountStep.decide(null, SITE, "acme.com",
        AccountStep.Edit.upsert(m, null, "test"), rules.current().accounts(), 1000, clock.millis());
    assertFalse(await(stores().accounts().write(late.change())));
    assertEquals(1, account("acme.com").version());
  }

  @Test
  void erasedLead_leavesItsAccount_andTheScoreFollows() {
    Lead a = lead("ann@acme.com", new JsonObject().put("role", "CEO"));
    Lead b = lead("bob@acme.com", new JsonObject());
    score(a, "e-1", 20);
    score(b, "e-2", 20);
    await(service().refresh(a.id()));
    await(service().refresh(b.id()));
    assertTrue(await(service().removeLead(SITE, a.id(), "erased on request")));
    Account account = account("acme.com");
    assertEquals(List.of(b.id()), List.copyOf(account.members().keySet()));
    assertEquals(25.0, scoreOf(account).total());   // bob 20 + 5; no decision maker any more
    assertTrue(history("acme.com").get(0).detail().contains("erased on request"));
    assertEquals(Optional.empty(), await(stores().accounts().accountOf(SITE, a.id())));
    assertFalse(await(service().removeLead(SITE, a.id(), "again")));
  }

  @Test
  void leadWhoseDomainChanges_movesToTheOtherAccount_withBothHistories() {
    Lead a = lead("ann@acme-corp.com", new JsonObject());
    await(service().refresh(a.id()));
    assertEquals(1, account("acme-corp.com").members().size());
    // the same lead seen once acme-corp.com is declared acme.com (its account domain changed)
    await(service(stores(), Map.of("acme-corp.com", "acme.com")).refresh(a.id()));
    assertTrue(account("acme-corp.com").members().isEmpty());
    assertEquals(List.of(a.id()), List.copyOf(account("acme.com").members().keySet()));
    assertTrue(history("acme-corp.com").get(0).detail().contains("left"));
    assertEquals(Optional.of("acme.com"), await(stores().accounts().accountOf(SITE, a.id())));
  }

  @Test
  void declaredAlias_mergesTheAccount_andItsNewLeadsGoToTheCanonicalOne() {
    Lead a = lead("ann@acme-corp.com", new JsonObject().put("company", "ACME Corp"));
    Lead b = lead("bob@acme.com", new JsonObject());
    await(service().refresh(a.id()));
    await(service().refresh(b.id()));
    await(service().merge(SITE, "acme-corp.com", "acme.com", "api:crm"));
    Account merged = account("acme.com");
    assertEquals(2, merged.members().size());
    assertEquals(List.of("acme-corp.com"), merged.merged());
    assertEquals("ACME Corp", merged.fields().getString("company"));
    assertTrue(history("acme.com").get(0).detail().contains("acme-corp.com"));
    assertEquals("acme.com", account("acme-corp.com").mergedInto());
    Lead c = lead("cy@acme-corp.com", new JsonObject());
    await(service().refresh(c.id()));
    assertEquals(3, account("acme.com").members().size());
    await(service().merge(SITE, "acme-corp.com", "acme.com", "api:crm"));
    assertEquals(3, account("acme.com").members().size());
  }

  @Test
  void groupCall_fieldsWinOverTheFormsAndAreInTheHistory() {
    Lead a = lead("ann@acme.com", new JsonObject().put("company", "acme"));
    await(service().refresh(a.id()));
    await(service().refresh(a.id(), new JsonObject().put("company", "Acme Ltd").put("size", 250)));
    Account account = account("acme.com");
    assertEquals("Acme Ltd", account.fields().getString("company"));
    assertEquals(250, account.fields().getInteger("size"));
    assertEquals("group", history("acme.com").get(0).by());
  }

  @Test
  void history_keepsTheNewestEntries() {
    for (int i = 0; i < AccountStore.KEPT_HISTORY + 5; i++) {
      await(service().setFields(SITE, "acme.com", new JsonObject().put("size", Integer.toString(i)), "test"));
    }
    List<AccountEntry> lines = history("acme.com");
    assertEquals(AccountStore.KEPT_HISTORY, lines.size());
    assertTrue(lines.get(0).detail().contains("size"));
    assertEquals(Integer.toString(AccountStore.KEPT_HISTORY + 4), account("acme.com").fields().getString("size"));
  }
}
