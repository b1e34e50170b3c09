package io.leadgate.scoring;

import io.leadgate.collect.Urls;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.scoring.ScoreDelta.FitPoints;
import io.leadgate.scoring.ScoreDelta.FitUpdate;
import io.leadgate.scoring.ScoreDelta.ScoredEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One site's scoring model, compiled: what an event is worth, what a lead's fields are worth, and the thresholds.
 * Plain Java without Vert.x types beyond JSON, immutable, shared by every event loop.
 */
public final class SiteScoring {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final ScoringModel model;
  private final List<CompiledFit> fit;
  private final Map<Criterion, List<CompiledSignal>> bant;
  private final Predicate<String> freeMailDomain;
  private final Thresholds thresholds;
  private final long repeatWindowMs;

  /** @param freeMailDomain tells whether an email domain belongs to a free-mail provider (the maintained list) */
  public SiteScoring(ScoringModel model, Predicate<String> freeMailDomain) {
    this.model = model;
    this.freeMailDomain = freeMailDomain;
    this.fit = model.fit().stream().map(r -> new CompiledFit(r, r.fieldMatch())).toList();
    Map<Criterion, List<CompiledSignal>> criteria = new EnumMap<>(Criterion.class);
    if (model.bant() != null) {
      model.bant().criteria().forEach((c, signals) -> criteria.put(c,
          signals.stream().map(s -> new CompiledSignal(s, s.fieldMatch())).toList()));
    }
    this.bant = criteria;
    this.thresholds = new Thresholds(model.mql().score(), model.mql().minFit(), criteria.keySet(), model.halfLifeMs(),
        ScoringModel.NOTIFY_SCORE.equals(model.notifyOn()), model.mql().requalifyPoints());
    this.repeatWindowMs = model.downloads().repeatWindowMs();
  }

  public ScoringModel model() {
    return model;
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /** The behaviour rules the event matches, in configuration order. */
  public List<Points> pointsFor(Event event) {
    List<Points> points = new ArrayList<>();
    for (BehaviourRule rule : model.rules()) {
      if (rule.matches(event)) {
        points.add(new Points(rule.id(), rule.points(), rule.maxPerDay() == null ? 0 : rule.maxPerDay()));
      }
    }
    return points;
  }

  /** BANT criteria the event makes known (custom event and form signals), with why. */
  public Map<Criterion, String> bantFor(Event event) {
    Map<Criterion, String> known = new EnumMap<>(Criterion.class);
    bant.forEach((criterion, signals) -> {
      for (CompiledSignal signal : signals) {
        Signal s = signal.signal();
        if (s.event() != null && event.type() == EventType.CUSTOM && s.event().matches(event.name())) {
          known.put(criterion, "event " + event.name());
          break;
        }
        if (s.form() != null && event.type() == EventType.FORM && s.form().matches(event.name())) {
          known.put(criterion, "form " + event.name());
          break;
        }
      }
    });
    return known;
  }

  /** The event's part of a scoring step. */
  public ScoredEvent score(Event event) {
    List<Points> points = pointsFor(event);
    return new ScoredEvent(event.id(), event.receivedAt(), day(event.receivedAt()), points, bantFor(event),
        describe(event, points), repeatOf(event));
  }

  /** A download is a repeat of the same file's earlier one (its URL without query) within the window. */
  private ScoredEvent.Repeat repeatOf(Event event) {
    if (event.type() != EventType.DOWNLOAD || repeatWindowMs <= 0) {
      return null;
    }
    return new ScoredEvent.Repeat("download " + Urls.withoutQuery(event.url()), repeatWindowMs);
  }

  /** Fit rules and field-based BANT criteria, from the lead's fields as stored ({@code fieldsJson}) and its email. */
  public FitUpdate fit(String fieldsJson, String email) {
    JsonObject fields = fieldsJson == null || fieldsJson.isBlank() ? new JsonObject() : new JsonObject(fieldsJson);
    Map<String, FitPoints> matched = new LinkedHashMap<>();
    for (CompiledFit rule : fit) {
      rule.test(fields, email, freeMailDomain)
          .ifPresent(why -> matched.put(rule.rule().id(), new FitPoints(rule.rule().points(), why)));
    }
    Map<Criterion, String> known = new EnumMap<>(Criterion.class);
    bant.forEach((criterion, signals) -> {
      for (CompiledSignal signal : signals) {
        if (signal.match() != null) {
          Optional<String> why = signal.match().test(fields);
          if (why.isPresent()) {
            known.put(criterion, why.get());
            break;
          }
        }
      }
    });
    return new FitUpdate(fieldsJson == null ? "" : fieldsJson, matched, known);
  }

  static String day(long at) {
    return DAY.format(Instant.ofEpochMilli(at));
  }

  static String describe(Event event, List<Points> points) {
    String what = switch (event.type()) {
      case PAGEVIEW -> "pageview " + Urls.pathOf(event.url());
      case DOWNLOAD -> "download " + Urls.withoutQuery(event.url());
      case OUTBOUND -> "outbound " + Urls.withoutQuery(event.url());
      case FORM -> "form " + event.name();
      case CUSTOM -> "event " + event.name();
      case ENGAGEMENT -> "engagement";
    };
    if (points.isEmpty()) {
      return what;
    }
    StringBuilder rules = new StringBuilder(what).append(':');
    for (Points p : points) {
      rules.append(' ').append(p.rule()).append(' ').append(p.points() > 0 ? "+" : "").append(p.points());
    }
    return rules.toString();
  }

  private record CompiledFit(FitRule rule, FieldMatch match) {
    Optional<String> test(JsonObject fields, String email, Predicate<String> freeMailDomain) {
      if (match != null) {
        return match.test(fields);
      }
      String domain = domainOf(email);
      if (domain == null) {
        return Optional.empty();
      }
      if (Boolean.TRUE.equals(rule.freeMail())) {
        return freeMailDomain.test(domain) ? Optional.of("email at free-mail provider " + domain) : Optional.empty();
      }
      for (String listed : rule.emailDomains()) {
        if (domain.equals(listed) || domain.endsWith("." + listed)) {
          return Optional.of("email at " + domain);
        }
      }
      return Optional.empty();
    }
  }

  private record CompiledSignal(Signal signal, FieldMatch match) {
  }

  static String domainOf(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
  }
}
