package io.leadgate.demo;

import io.leadgate.collect.EventLog;
import io.leadgate.core.Event;
import io.leadgate.forms.FormsService;
import io.leadgate.forms.SubmissionParser;
import io.leadgate.identity.EmailAddress;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.Stage;
import io.leadgate.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Fills the store with the {@link DemoMonth} through the product's own paths, day after day with the gateway's
 * clock ({@link SeedClock}) at the day's times: the day's events into the event log (the projector records visitors,
 * sessions, daily stats and scores as it would have), then its form submissions through {@link FormsService} (spam
 * defences, junk rules, leads with their anonymous history), then sales' stage changes through
 * {@link ScoringService} by {@value #BY}. Each step waits for the projector to catch up, so that scores and stages
 * follow in the order they would have happened. Webhook deliveries follow from the lead events, as they would.
 */
public final class DemoData {
  public static final String BY = "user:demo";
  /** The forms the demo month fills in: the bundled demo configuration's. */
  public static final List<String> FORMS = List.of("newsletter", "ebook", "webinar-scoring", "demo-request");
  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
  private static final int APPEND_BATCH = 500;
  private static final String ORIGIN = "https://demo.leadgate.example";

  private final Vertx vertx;
  private final SeedClock clock;
  private final EventLog events;
  private final FormsService forms;
  private final ScoringService scoring;
  private final LeadStore leads;
  private final String site;
  private final ZoneId zone;
  private int submissionSeq;

  /** @param site the site the month is made for, with the days of its {@code zone} */
  public DemoData(Vertx vertx, SeedClock clock, EventLog events, FormsService forms, ScoringService scoring,
                  LeadStore leads, String site, ZoneId zone) {
    this.site = site;
    this.zone = zone;
    this.vertx = vertx;
    this.clock = clock;
    this.events = events;
    this.forms = forms;
    this.scoring = scoring;
    this.leads = leads;
  }

  /** What was filled in. */
  public record Filled(int days, int events, int submissions, int salesActions, long millis) {
  }

  /**
   * Fills the month that ends now into the site; refuses (a failed future) when the site already has leads,
   * unless {@code nonEmpty}: the demo data is meant for an empty store.
   */
  public Future<Filled> fill(boolean nonEmpty) {
    long started = clock.real();
    List<DemoMonth.Day> days = new DemoMonth(site, zone, started).plan();
    return (nonEmpty ? Future.succeededFuture(false) : hasLeads("0"))
        .compose(has -> !has ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException("the store already holds leads of site " + site
                + "; demo data goes only into an empty store (demo.nonEmpty: true to add it anyway)")))
        .compose(v -> sequence(days, this::fillDay))
        .eventually(() -> {
          clock.release();
          return Future.succeededFuture();
        })
        .map(v -> new Filled(days.size(), days.stream().mapToInt(d -> d.events().size()).sum(),
            days.stream().mapToInt(DemoMonth.Day::submissions).sum(),
            days.stream().mapToInt(DemoMonth.Day::actions).sum(), clock.real() - started))
        .onSuccess(f -> LOG.info("demo data: " + f.days() + " days, " + f.events() + " events, " + f.submissions()
            + " form submissions, " + f.salesActions() + " stage changes by sales, in " + f.millis() + " ms"));
  }

  /**
   * The day in time order: before each step, the events up to the time it begins go into the log and are
   * projected; the clock is then at the step's time, until what the step appended is projected too.
   */
  private Future<Void> fillDay(DemoMonth.Day day) {
    List<Supplier<Future<Void>>> tasks = new ArrayList<>();
    List<Event> dayEvents = day.events();
    int from = 0;
    for (DemoMonth.Step step : day.steps()) {
      int to = from;
      while (to < dayEvents.size() && dayEvents.get(to).receivedAt() <= step.begins()) {
        to++;
      }
      tasks.add(appendAndProject(dayEvents.subList(from, to)));
      // projected before the clock moves on: a form's event is scored at the time it was sent, every run alike
      tasks.add(() -> (step instanceof DemoMonth.Submission s ? submit(s) : act((DemoMonth.SalesAction) step))
          .compose(v -> projected()));
      from = to;
    }
    tasks.add(appendAndProject(dayEvents.subList(from, dayEvents.size())));
    return sequence(tasks, Supplier::get);
  }

  /** Appends the events with the clock at the last one's time, and waits until they are projected. */
  private Supplier<Future<Void>> appendAndProject(List<Event> batch) {
    return () -> {
      if (batch.isEmpty()) {
        return projected();
      }
      clock.set(batch.get(batch.size() - 1).receivedAt());
      List<List<Event>> parts = new ArrayList<>();
      for (int i = 0; i < batch.size(); i += APPEND_BATCH) {
        parts.add(batch.subList(i, Math.min(batch.size(), i + APPEND_BATCH)));
      }
      return sequence(parts, events::append).compose(v -> projected());
    };
  }

  private Future<Void> submit(DemoMonth.Submission submission) {
    int n = ++submissionSeq;
    clock.set(submission.begins());
    String token = forms.token(submission.form(), ORIGIN);
    clock.set(submission.at());
    SubmissionParser.Input input = new SubmissionParser.Input(submission.visitor(), submission.id(), token,
        ORIGIN + "/" + submission.form(), submission.fields());
    // one address each, as different people's would be: the per-address rate limit is not what the demo shows
    String ip = "198.51." + (100 + n / 250) + "." + (n % 250 + 1);
    // a refusal (rate limit, invalid field) is thrown or failed: either way the demo goes on without it
    return Future.<Void>future(p -> forms.submit(submission.form(), new FormsService.Submit(input, ORIGIN, ip, ORIGIN))
            .<Void>mapEmpty().onComplete(p))
        .recover(e -> {
          LOG.fine("demo submission " + n + " refused: " + e.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> act(DemoMonth.SalesAction action) {
    clock.set(action.at());
    Stage stage = Stage.parse(action.stage()).orElseThrow();
    return leads.leadIdByEmail(site, emailKey(action.email()))
        .compose(lead -> lead.isEmpty() ? Future.succeededFuture()
            : scoring.setStage(lead.get(), stage, action.reason(), BY).mapEmpty());
  }

  private static String emailKey(String email) {
    try {
      return EmailAddress.parse(email).key();
    } catch (EmailAddress.Invalid e) {
      throw new IllegalStateException("the demo month made an invalid address " + email, e);
    }
  }

  /** Whether the site has a lead, from the lead store's walk over its leads (a few pages on a young store). */
  private Future<Boolean> hasLeads(String cursor) {
    return leads.leadIds(site, cursor, 1000).compose(page -> !page.leadIds().isEmpty()
        ? Future.succeededFuture(true)
        : page.next() == null ? Future.succeededFuture(false) : hasLeads(page.next()));
  }

  /** Completes once the projector has acknowledged everything appended so far. */
  private Future<Void> projected() {
    Promise<Void> done = Promise.promise();
    poll(done);
    return done.future();
  }

  private void poll(Promise<Void> done) {
    events.backlog().onComplete(backlog -> {
      if (backlog.failed()) {
        done.fail(backlog.cause());
      } else if (backlog.result() == 0) {
        done.complete();
      } else {
        vertx.setTimer(2, t -> poll(done));
      }
    });
  }

  /** Runs {@code step} on each item, one after the other. */
  private static <T> Future<Void> sequence(List<T> items, Function<T, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (T item : items) {
      chain = chain.compose(v -> step.apply(item));
    }
    return chain;
  }
}
