package io.leadgate.demo;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo month as a plan, day by day: the events of anonymous visitors' sessions (page views, downloads, outbound
 * clicks, with their sources, campaigns and click ids), the form submissions that turn some of them into leads (and
 * the bots' submissions the defences stop), and what sales does with the leads days later. Made from a fixed seed,
 * so every run plans the same month; times are real instants of the month that ends at {@code end}.
 */
final class DemoMonth {
  static final int DAYS = 30;
  static final long SEED = 15L;
  private static final String BASE = "https://demo.leadgate.example";
  private static final String[] BLOG = {"/blog/lead-scoring-basics", "/blog/utm-tags-that-work", "/blog/gdpr-forms",
      "/blog/b2b-funnel-metrics", "/blog/webhooks-to-crm", "/blog/first-party-tracking"};
  private static final String[] DOCS = {"/docs/", "/docs/snippet", "/docs/forms", "/docs/scoring", "/docs/webhooks"};
  private static final String[] CASES = {"/case-studies/acme", "/case-studies/globex", "/case-studies/initech"};
  /** The forms' own pages (each form's {@code pages} in leadgate-demo.yaml): submissions are sent from them. */
  private static final String[] FORM_PAGES = {"ebook", "newsletter", "webinar-scoring", "demo-request"};
  private static final String[] FILES = {"/assets/case-study-acme.pdf", "/assets/case-study-globex.pdf",
      "/assets/pricing-sheet.pdf", "/assets/security-whitepaper.pdf"};
  private static final String[] OUTBOUND = {"https://github.com/leadgate/leadgate", "https://www.linkedin.com/company/leadgate",
      "https://twitter.com/leadgate"};
  private static final String[] FIRST = {"anna", "ben", "clara", "david", "eva", "felix", "greta", "hugo", "ida",
      "jonas", "katrin", "lukas", "maria", "nils", "olga", "paul", "rosa", "sven", "tina", "uwe"};
  private static final String[] LAST = {"berg", "klein", "meyer", "novak", "olsen", "perez", "quinn", "ross",
      "schmidt", "tanaka", "vogel", "weber"};
  private static final String[] COMPANIES = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
      "tyrell", "cyberdyne", "soylent", "wonka", "vandelay"};
  private static final String[] ROLES = {"marketing manager", "head of growth", "cto", "developer", "vp sales",
      "founder", "marketing director", "analyst"};

  private final Random random = new Random(SEED);
  private final String site;
  private final ZoneId zone;
  private final long end;
  private final List<String> returning = new ArrayList<>();
  private final String monthId;
  private int visitorSeq;
  private int eventSeq;
  private int personSeq;
  private int submissionSeq;

  DemoMonth(String site, ZoneId zone, long end) {
    this.site = site;
    this.zone = zone;
    this.end = end;
    this.monthId = java.time.Instant.ofEpochMilli(end).atZone(zone).toLocalDate().toString().replace("-", "");
  }

  /** A submission or a stage change, at the time it begins (a form is rendered before it is sent). */
  sealed interface Step permits Submission, SalesAction {
    long begins();
  }

  /** One submission of a form, at a time, by a visitor: a person's, or a bot's that a defence stops. */
  record Submission(String id, long at, String form, String visitor, Map<String, Object> fields, long renderedMsBefore)
      implements Step {
    @Override
    public long begins() {
      return at - renderedMsBefore;
    }
  }

  /** Sales moves the lead of {@code email} to {@code stage}, with a reason. */
  record SalesAction(long at, String email, String stage, String reason) implements Step {
    @Override
    public long begins() {
      return at;
    }
  }

  /** What happens on one day: its events and its steps, each in time order. */
  record Day(LocalDate date, List<Event> events, List<Step> steps) {
    int submissions() {
      return (int) steps.stream().filter(s -> s instanceof Submission).count();
    }

    int actions() {
      return steps.size() - submissions();
    }
  }

  List<Day> plan() {
    LocalDate last = java.time.Instant.ofEpochMilli(end).atZone(zone).toLocalDate();
    Map<LocalDate, List<SalesAction>> later = new HashMap<>();
    List<Day> days = new ArrayList<>();
    for (int d = DAYS - 1; d >= 0; d--) {
      LocalDate date = last.minusDays(d);
      long dayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
      long span = Math.min(86_400_000L, end - dayStart - 60_000L);
      List<Event> events = new ArrayList<>();
      List<Submission> submissions = new ArrayList<>();
      boolean weekend = date.getDayOfWeek().getValue() >= 6;
      int visits = (weekend ? 55 : 110) + random.nextInt(30);
      if (d == 0) {
        visits = (int) (visits * span / 86_400_000L);
      }
      for (int v = 0; v < visits; v++) {
        long at = dayStart + (long) (random.nextDouble() * span * 0.9);
        String visitor = !returning.isEmpty() && random.nextInt(5) == 0
            ? returning.get(random.nextInt(returning.size())) : newVisitor();
        int converts = random.nextInt(100);
        long sessionEnd = session(visitor, at, events, converts < 6);
        if (converts < 4) {
          Submission submission = person(Math.min(sessionEnd + 45_000, end - 1_000), visitor, date, d, later);
          events.add(formPageView(visitor, at, submission.form(), submission.at() - 60_000));
          submissions.add(submission);
        } else if (converts < 20) {
          // looked at a form's page and left: the forms report sets these views against the submissions
          events.add(formPageView(visitor, at, pick(FORM_PAGES), sessionEnd));
        }
        if (converts == 4 && random.nextInt(3) == 0) {
          submissions.add(bot(Math.min(sessionEnd + 5_000, end - 1_000), visitor));
        }
      }
      List<Step> steps = new ArrayList<>(submissions);
      steps.addAll(later.getOrDefault(date, List.of()));
      steps.sort(java.util.Comparator.comparingLong(Step::begins));
      events.sort(java.util.Comparator.comparingLong(Event::receivedAt));
      days.add(new Day(date, events, steps));
    }
    return days;
  }

  private String newVisitor() {
    String id = String.format("demo-visitor-%05d", ++visitorSeq);
    if (random.nextInt(4) == 0) {
      returning.add(id);
    }
    return id;
  }

  /** One session of page views, perhaps a download and an outbound click; returns when it ended. */
  private long session(String visitor, long at, List<Event> events, boolean intent) {
    String sessionId = "s" + Long.toString(at, 36) + visitor.substring(visitor.length() - 5);
    int source = random.nextInt(100);
    Map<String, String> utm = Map.of();
    Map<String, String> click = Map.of();
    String referrer = null;
    if (source < 35) {
      referrer = "https://www.google.com/";
    } else if (source < 55) {
      utm = Map.of("source", "google", "medium", "cpc", "campaign", random.nextBoolean() ? "brand" : "lead-scoring",
          "term", random.nextBoolean() ? "lead scoring software" : "self-hosted hubspot alternative");
      click = Map.of("gclid", "Cj0KCQ" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    } else if (source < 70) {
      utm = Map.of("source", "linkedin", "medium", "paid-social", "campaign", "b2b-funnel-guide");
      click = Map.of("li_fat_id", Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    } else if (source < 82) {
      utm = Map.of("source", "newsletter", "medium", "email", "campaign", "monthly-digest");
    }
    int pages = 1 + random.nextInt(intent ? 6 : 4);
    long t = at;
    String landing = pick(random.nextInt(3) == 0 ? DOCS : BLOG);
    for (int p = 0; p < pages; p++) {
      String path = p == 0 ? landing : nextPage(intent);
      boolean first = p == 0;
      events.add(event(visitor, sessionId, EventType.PAGEVIEW, BASE + path, null, titleOf(path),
          first ? referrer : null, first ? utm : Map.of(), first ? click : Map.of(), t));
      t += 15_000 + random.nextInt(120_000);
      if (path.startsWith("/case-studies") && random.nextInt(3) == 0 || path.equals("/pricing") && random.nextInt(6) == 0) {
        String file = path.equals("/pricing") ? FILES[2] : pick(FILES);
        events.add(event(visitor, sessionId, EventType.DOWNLOAD, BASE + file, BASE + path, null, null, Map.of(),
            Map.of(), t));
        t += 5_000;
      }
    }
    if (random.nextInt(12) == 0) {
      events.add(event(visitor, sessionId, EventType.OUTBOUND, pick(OUTBOUND), BASE + landing, null, null, Map.of(),
          Map.of(), t));
    }
    return t;
  }

  /** A view of the page that holds the form, in the visitor's session that began at {@code sessionAt}. */
  private Event formPageView(String visitor, long sessionAt, String form, long at) {
    String sessionId = "s" + Long.toString(sessionAt, 36) + visitor.substring(visitor.length() - 5);
    return event(visitor, sessionId, EventType.PAGEVIEW, BASE + "/" + form, null, titleOf("/" + form), null, Map.of(),
        Map.of(), at);
  }

  private String nextPage(boolean intent) {
    int r = random.nextInt(100);
    if (r < (intent ? 35 : 15)) {
      return "/pricing";
    }
    if (r < (intent ? 60 : 30)) {
      return pick(CASES);
    }
    if (r < 33) {
      return "/careers";
    }
    return r < 70 ? pick(BLOG) : pick(DOCS);
  }

  /** A person fills in a form; some of them sales takes further (or sends back) in the days after. */
  private Submission person(long at, String visitor, LocalDate date, int daysLeft, Map<LocalDate, List<SalesAction>> later) {
    int n = ++personSeq;
    String first = pick(FIRST);
    String last = pick(LAST);
    String company = pick(COMPANIES);
    int kind = random.nextInt(100);
    boolean freeMail = kind >= 80 && random.nextInt(3) == 0;
    // a company domain of its own (under example.com they would all be one account, example.com)
    String domain = freeMail ? "gmail.com" : company + "-demo.com";
    String email = first + "." + last + n + "@" + domain;
    Map<String, Object> fields = new HashMap<>();
    fields.put("email", email);
    String form;
    if (kind < 25) {
      form = "newsletter";
      fields.put("consent_marketing", true);
    } else {
      fields.put("consent_privacy", true);
      fields.put("name", capital(first) + " " + capital(last));
      fields.put("company", capital(company));
      if (kind < 60) {
        form = "ebook";
      } else if (kind < 80) {
        form = "webinar-scoring";
        fields.put("role", random.nextInt(8) == 0 ? "student" : pick(ROLES));
      } else {
        form = "demo-request";
        fields.put("role", random.nextInt(10) == 0 ? "intern" : pick(ROLES));
        fields.put("budget", random.nextBoolean() ? "10k-50k" : "50k-250k");
        fields.put("timeline", random.nextInt(3) == 0 ? "next year" : "this quarter");
        if (!freeMail) {
          planSales(email, at, date, daysLeft, later);
        }
      }
    }
    if (form.equals("ebook") && random.nextInt(6) == 0) {
      plan(later, date, daysLeft, 3, new SalesAction(at, email, "mql", "downloaded the pricing sheet, asked for a call"));
    }
    return new Submission(submissionId(), at, form, visitor, fields, 40_000);
  }

  /** Demo requests go through sales: accepted, some to opportunity and customer, some sent back or disqualified. */
  private void planSales(String email, long at, LocalDate date, int daysLeft, Map<LocalDate, List<SalesAction>> later) {
    int fate = random.nextInt(100);
    if (fate < 12) {
      plan(later, date, daysLeft, 1, new SalesAction(at, email, "lead", "no budget before next year: nurture"));
    } else if (fate < 18) {
      plan(later, date, daysLeft, 1, new SalesAction(at, email, "disqualified", "competitor doing research"));
    } else {
      plan(later, date, daysLeft, 1, new SalesAction(at, email, "sql", "call booked"));
      if (fate < 75) {
        plan(later, date, daysLeft, 4, new SalesAction(at, email, "opportunity", "proposal sent"));
      }
      if (fate < 55) {
        plan(later, date, daysLeft, 9, new SalesAction(at, email, "customer", "contract signed"));
      }
      if (fate < 28) {
        plan(later, date, daysLeft, 16, new SalesAction(at, email, "evangelist", "agreed to a case study"));
      }
    }
  }

  /** Plans an action {@code after} days later, at the same time of day; none beyond the month. */
  private void plan(Map<LocalDate, List<SalesAction>> later, LocalDate date, int daysLeft, int after,
                           SalesAction action) {
    if (after > daysLeft) {
      return;
    }
    SalesAction moved = new SalesAction(action.at() + after * 86_400_000L + 600_000L, action.email(),
        action.stage(), action.reason());
    if (moved.at() < end) {
      later.computeIfAbsent(date.plusDays(after), k -> new ArrayList<>()).add(moved);
    }
  }

  /** A bot: the honeypot filled in, sent too fast after the form was rendered, or a disposable address. */
  private Submission bot(long at, String visitor) {
    int how = random.nextInt(3);
    Map<String, Object> fields = new HashMap<>();
    fields.put("email", "win" + random.nextInt(100_000) + (how == 2 ? "@mailinator.com" : "@mail.example.com"));
    fields.put("consent_privacy", true);
    if (how == 0) {
      fields.put("website", "http://cheap-pills.example");
    }
    return new Submission(submissionId(), at, "ebook", visitor, fields, how == 1 ? 800 : 40_000);
  }

  private String submissionId() {
    return "demo-" + monthId + "-" + (++submissionSeq);
  }

  private Event event(String visitor, String session, EventType type, String url, String page, String title,
                      String referrer, Map<String, String> utm, Map<String, String> click, long at) {
    long ts = Math.min(at, end);
    // the ids name the month: filled again on the same day nothing counts twice, on a later day it is a new month
    return new Event("demo-" + monthId + "-" + (++eventSeq), site, visitor, session, type, url, page, title, referrer, utm, click,
        null, Map.of(), ts, ts, "203.0.113.0");
  }

  private static String titleOf(String path) {
    String[] parts = path.split("/");
    return parts.length == 0 ? "Demo Inc." : capital(parts[parts.length - 1].replace('-', ' ')) + " | Demo Inc.";
  }

  private static String capital(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
