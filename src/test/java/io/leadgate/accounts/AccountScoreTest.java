package io.leadgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.ConfigLoader;
import io.leadgate.core.DomainEvent;
import io.leadgate.scoring.AccountRules;
import io.leadgate.webhooks.LeadEvents;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account policy without a store: the score's parts, the explanation, the stage moves and their events. */
class AccountScoreTest {
  static final long DAY = 86_400_000L;
  static final long T0 = 1_764_000_000_000L;
  static final long HALF = 30 * DAY;

  /** The worked example of docs/scoring.md, "Accounts". */
  static final String RULES = """
      sites: [{key: acme}]
      scoring:
        accounts:
          behaviour: top
          top: 3
          fit:
            - {id: software, field: industry, keywords: [software, saas], points: 15}
            - {id: mid-size, field: size, range: {min: 50, max: 1000}, points: 10}
          perPerson: 5
          maxPeople: 5
          engagedAt: 10
          roles:
            - {id: decision-maker, field: role, keywords: [cto, ceo, vp, head], points: 20}
            - {id: user, field: role, keywords: [engineer, developer, analyst], points: 10}
          engaged: 40
          qualified: 100
      """;

  static AccountRules rules() {
    return new ConfigLoader().parse(RULES, "test.yaml").scoring().accounts();
  }

  static Member member(String id, String role, double behaviour, long at) {
    return new Member(id, id + "@acme.com", "lead", new JsonObject().put("role", role), behaviour, at, at, 1);
  }

  static Account account(JsonObject fields, Member... members) {
    Map<String, Member> map = new LinkedHashMap<>();
    for (Member m : members) {
      map.put(m.leadId(), m);
    }
    return new Account("acme", "acme.com", fields, AccountStage.NONE, 3, 0, T0, T0, map, List.of(), null);
  }

  @Test
  void workedExample_addsTopThreeBehaviourFitPeopleAndRoles() {
    Account a = account(new JsonObject().put("industry", "Software").put("size", "200"),
        member("ann", "CTO", 40, T0), member("bob", "Engineer", 30, T0), member("cy", "Analyst", 20, T0),
        member("dee", "Intern", 8, T0));
    AccountScore s = AccountScore.of(a, rules(), HALF, T0);
    assertEquals(90.0, s.behaviour());   // 40 + 30 + 20: dee is fourth
    assertEquals(25.0, s.fit());         // software 15 + mid-size 10
    assertEquals(15.0, s.people());      // three engaged (>= 10) x 5
    assertEquals(30.0, s.roleScore());   // decision-maker (ann) 20 + user (bob) 10
    assertEquals(160.0, s.total());
    assertEquals("ann", s.roles().get(0).lead());
    assertEquals("bob", s.roles().get(1).lead());
    assertFalse(s.leads().get(3).counted());
  }

  @Test
  void workedExample_oneHalfLifeLater_isHalvedBehaviourWithTheSameFitPeopleAndRoles() {
    Account a = account(new JsonObject().put("industry", "Software").put("size", "200"),
        member("ann", "CTO", 40, T0), member("bob", "Engineer", 30, T0), member("cy", "Analyst", 20, T0),
        member("dee", "Intern", 8, T0));
    assertEquals(115.0, AccountScore.of(a, rules(), HALF, T0 + HALF).total());
  }

  @Test
  void behaviour_decaysAsALeadsDoes() {
    Account a = account(new JsonObject(), member("ann", "CTO", 40, T0));
    AccountScore s = AccountScore.of(a, rules(), HALF, T0 + HALF);
    assertEquals(20.0, s.behaviour());
  }

  @Test
  void sum_countsEveryLead() {
    AccountRules sum = new AccountRules("sum", null, null, 0, null, null, null, null, null);
    Account a = account(new JsonObject(), member("a", "x", 10, T0), member("b", "x", 10, T0),
        member("c", "x", 10, T0), member("d", "x", 10, T0));
    assertEquals(40.0, AccountScore.of(a, sum, HALF, T0).total());
  }

  @Test
  void roleOfALeadNotEngaged_earnsNothing() {
    Account a = account(new JsonObject(), member("ann", "CEO", 5, T0));
    assertTrue(AccountScore.of(a, rules(), HALF, T0).roles().isEmpty());
  }

  @Test
  void crossingQualified_movesThroughEngaged_withOneQualifiedEvent() {
    Account a = account(new JsonObject(), member("ann", "CTO", 40, T0), member("bob", "Engineer", 30, T0));
    AccountStep.Decision d = AccountStep.decide(a, "acme", "acme.com",
        AccountStep.Edit.upsert(member("cy", "Analyst", 20, T0), null, "scoring"), rules(), HALF, T0);
    assertEquals(AccountStage.QUALIFIED, d.account().stage());
    List<DomainEvent> events = d.change().events();
    assertEquals(List.of(LeadEvents.ACCOUNT_UPDATED, LeadEvents.ACCOUNT_QUALIFIED),
        events.stream().map(DomainEvent::type).toList());
    assertEquals("acme/acme.com", events.get(1).leadId());
    assertEquals(2, events.get(1).seq());
    assertEquals(2, d.change().history().stream().filter(h -> h.kind().equals("stage")).count());
  }

  @Test
  void scoreFallingBelowAThreshold_keepsTheStage() {
    Account qualified = new Account("acme", "acme.com", new JsonObject(), AccountStage.QUALIFIED, 3, 2, T0, T0,
        Map.of(), List.of(), null);
    AccountStep.Decision d = AccountStep.decide(qualified, "acme", "acme.com",
        AccountStep.Edit.upsert(member("ann", "x", 1, T0), null, "scoring"), rules(), HALF, T0);
    assertEquals(AccountStage.QUALIFIED, d.account().stage());
  }

  @Test
  void sameLeadSeenUnchanged_writesNothing() {
    Member ann = member("ann", "CTO", 5, T0);
    Account a = account(new JsonObject(), ann);
    assertNull(AccountStep.decide(a, "acme", "acme.com", AccountStep.Edit.upsert(ann, null, "scoring"), rules(),
        HALF, T0).change());
  }

  @Test
  void behaviourOnlyChange_isWrittenWithoutAnEvent() {
    Account a = account(new JsonObject(), member("ann", "CTO", 4, T0));
    AccountStep.Decision d = AccountStep.decide(a, "acme", "acme.com",
        AccountStep.Edit.upsert(member("ann", "CTO", 5, T0), null, "scoring"), rules(), HALF, T0);
    assertTrue(d.change().events().isEmpty());
    assertEquals(4, d.change().after().version());
  }

  @Test
  void accountsRules_withAnEmailTest_areRefused() {
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> new ConfigLoader().parse("""
        sites: [{key: acme}]
        scoring:
          accounts:
            fit: [{id: free, freeMail: true, points: -5}]
        """, "test.yaml"));
    assertTrue(e.getMessage().contains("scoring.accounts.fit[0]"), e.getMessage());
  }
}
