package io.leadgate.forms;

import io.leadgate.collect.BotFilter;
import io.leadgate.collect.ErasedVisitorFilter;
import io.leadgate.collect.EventLog;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.collect.IpAnonymizer;
import io.leadgate.config.SiteConfig;
import io.leadgate.core.FieldError;
import io.leadgate.core.Forbidden;
import io.leadgate.core.NotFound;
import io.leadgate.core.RateLimited;
import io.leadgate.core.Unprocessable;
import io.leadgate.forms.SignedTokens.Render;
import io.leadgate.identity.Conversion;
import io.leadgate.identity.LeadFinder;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.Visitor;
import io.leadgate.identity.VisitorStore;
import io.leadgate.ops.Metrics;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.LeadStore.Converted;
import io.leadgate.identity.LeadStore.Submitted;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Lead-magnet forms: hands out render tokens, turns a submission into a lead (or stops it as spam, or keeps it as
 * junk) and delivers the magnet behind a signed, expiring link. Never sees an HTTP request; every answer is a
 * {@link Future}, every refusal a {@link io.leadgate.core.DomainException}.
 *
 * <p>A submission goes: origin → honeypot and render token (spam) → fields (422) → disposable domain (spam) →
 * an earlier identical submission (its answer again) → rate limits (429) → junk rules → lead: email claimed, the
 * submission applied, the lead indexed for search, the visitor joined (lifting its tombstone if it was erased), the
 * FORM event logged, the submission recorded durably. Every step after the email claim is idempotent, so a retry
 * after any failure completes the same submission once.
 */
public final class FormsService {
  private static final Logger LOG = Logger.getLogger(FormsService.class.getName());
  /** How long a retry of a submission is recognised as such. */
  public static final long SUBMISSION_TTL_SECONDS = 7 * 86_400L;

  private final Map<String, FormConfig> forms;
  private final Map<String, SiteConfig> sites;
  private final LeadStore leads;
  private final VisitorStore visitors;
  private final EventLog events;
  private final FormRateLimits rateLimits;
  private final SignedTokens tokens;
  private final JunkRules junk;
  private final DomainLists lists;
  private final BotFilter bots;
  private final LeadFinder finder;
  private final Metrics metrics;
  private final FormOutcomes outcomes;
  private final Clock clock;
  private final Supplier<String> leadIds;
  private final Path assets;
  private final ErasedVisitorFilter erased;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param leadSearch the search indexes a submission writes the lead to
   * @param bots    the intake's bot list: a magnet link opened by one of them is served but not recorded
   * @param secret  the gateway's secret; keys the hashes that stand for IP addresses and emails in rate-limit keys
   * @param assets  the assets folder of file magnets, or null
   * @param erased  the visitors' tombstones: a submission lifts its visitor's (docs/privacy.md)
   * @param leadIds the source of new lead ids
   */
  public FormsService(List<FormConfig> forms, Map<String, SiteConfig> sites, LeadStore leads, VisitorStore visitors,
                      EventLog events, RateLimitStore rateLimits, LeadSearch leadSearch, SignedTokens tokens,
                      DomainLists lists, BotFilter bots, String secret, Path assets, ErasedVisitorFilter erased,
                      Metrics metrics, FormOutcomes outcomes, Clock clock, Supplier<String> leadIds) {
    this.forms = forms.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(FormConfig::id, f -> f));
    this.sites = Map.copyOf(sites);
    this.leads = leads;
    this.visitors = visitors;
    this.events = events;
    this.rateLimits = new FormRateLimits(rateLimits, secret, metrics);
    this.tokens = tokens;
    this.lists = lists;
    this.bots = bots;
    this.finder = new LeadFinder(leads, leadSearch);
    this.junk = new JunkRules(lists);
    this.assets = assets;
    this.erased = erased;
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.clock = clock;
    this.leadIds = leadIds;
  }

  /** Erasure: forgets the rate-limit windows that count the email (normalised: {@code EmailAddress.key()}). */
  public Future<Void> forgetEmail(String emailKey) {
    return rateLimits.forget(forms.values(), emailKey);
  }

  /** A submission as the HTTP layer hands it over. */
  public record Submit(SubmissionParser.Input input, String origin, String ip, String baseUrl) {
  }

  /**
   * The success answer, the same for a real submission and a caught bot.
   *
   * @param download the absolute lead-magnet link, or null
   * @param redirect the thank-you URL, or null
   */
  public record Answer(String message, String download, String redirect) {
  }

  /** How a magnet is delivered. */
  public sealed interface Delivery {
  }

  public record Redirect(String url) implements Delivery {
  }

  /** @param name the file name offered to the browser */
  public record AssetFile(Path path, String name) implements Delivery {
  }

  public FormConfig form(String formId) {
    FormConfig form = forms.get(formId);
    if (form == null) {
      throw new NotFound("unknown_form", "no form has the id " + formId);
    }
    return form;
  }

  /** A render token for the form, proving later when the form was shown. */
  public String token(String formId, String origin) {
    FormConfig form = form(formId);
    checkOrigin(form, origin);
    return tokens.renderToken(form.id());
  }

  /** May a plain HTML form be sent back to this page (its origin is one the form's site allows)? */
  public boolean mayRedirectTo(String formId, String url) {
    FormConfig form = forms.get(formId);
    String origin = originOf(url);
    return form != null && origin != null && sites.get(form.site()).allowsOrigin(origin);
  }

  public Future<Answer> submit(String formId, Submit submit) {
    FormConfig form = form(formId);
    SiteConfig site = sites.get(form.site());
    checkOrigin(form, submit.origin());
    SubmissionParser.Input input = submit.input();
    String visitorId = input.visitor() != null ? input.visitor() : randomId(16);
    Optional<String> spam = spamBeforeValidation(form, input);
    if (spam.isPresent()) {
      return Future.succeededFuture(decoy(form, spam.get(), visitorId, submit.baseUrl()));
    }
    FormValidator.Result result = FormValidator.validate(form, input.fields());
    if (!result.ok()) {
      outcomes.record(form, "invalid", null);
      throw invalidFields(result.errors());
    }
    FormValidator.Valid valid = result.valid();
    if (form.spam().blockDisposable() && lists.isDisposable(valid.email().domain())) {
      return Future.succeededFuture(decoy(form, "disposable", visitorId, submit.baseUrl()));
    }
    String submissionId = input.submission() != null ? input.submission() : "srv-" + randomId(12);
    // read together: whether this is a retry, and the visitor whose first touch a new lead takes
    Future<Optional<Submitted>> earlier = leads.submission(site.key(), recordId(form, submissionId));
    Future<Optional<Visitor>> visitor = visitors.visitor(site.key(), visitorId);
    return Future.all(earlier, visitor).compose(read -> {
      Optional<Submitted> done = earlier.result();
      if (done.isPresent()) {
        outcomes.record(form, "retry", null);
        return Future.succeededFuture(answer(form, done.get().leadId(), done.get().visitorId(), submit.baseUrl()));
      }
      return rateLimits.hit(form, submit.ip(), valid.email())
          .onFailure(e -> {
            if (e instanceof RateLimited) {
              outcomes.record(form, "rate_limited", null);
            }
          })
          .compose(v -> convert(form, site, submit, valid, visitorId, visitor.result(), submissionId));
    });
  }

  private Future<Answer> convert(FormConfig form, SiteConfig site, Submit submit, FormValidator.Valid valid,
                                 String visitorId, Optional<Visitor> visitor, String submissionId) {
    long now = clock.millis();
    String ip = IpAnonymizer.apply(site.ip(), submit.ip());
    String page = submit.input().page();
    String junkReason = junk.reason(form.junk(), valid.email(), valid.fields()).orElse(null);
    JsonArray consents = new JsonArray();
    valid.consents().forEach(c -> consents.add(new JsonObject().put("kind", c.kind()).put("text", c.text())
        .put("field", c.field()).put("form", form.id()).put("at", now).put("ip", ip).put("page", page)));
    return leads.findOrCreate(new Conversion(site.key(), valid.email(), leadIds.get(), submissionId, visitorId,
            form.id(), form.kind().stage(), valid.fields(), consents, firstTouch(visitor, page, now), junkReason, now,
            SUBMISSION_TTL_SECONDS))
        // the search index is written by every completion (a retry too): it ignores an older version of the lead
        .compose(converted -> finder.index(converted.lead()).map(converted))
        // the join lifts the visitor's tombstone, if it has one: a new submission is new consent (docs/privacy.md)
        .compose(converted -> leads.linkVisitor(converted.lead().id(), site.key(), converted.visitorId(),
                new LeadStore.Lift(erased.of(site.key(), converted.visitorId()), now, converted.lead().createdAt()))
            .compose(v -> events.append(List.of(formEvent(form, converted, submissionId, page, ip, now))))
            .compose(v -> leads.recordSubmission(site.key(), recordId(form, submissionId),
                new Submitted(converted.lead().id(), converted.visitorId()), SUBMISSION_TTL_SECONDS))
            .map(v -> {
              outcomes.record(form, converted.duplicate() ? "retry" : junkReason != null ? "junk"
                  : converted.created() ? "lead_created" : "lead_updated", converted.duplicate() ? null : junkReason);
              return answer(form, converted.lead().id(), converted.visitorId(), submit.baseUrl());
            }));
  }

  /** A submission is answered again only on its own form: the record is kept per form. */
  private static String recordId(FormConfig form, String submissionId) {
    return form.id() + ":" + submissionId;
  }

  /**
   * Follows a download link: records the download on the lead and says how to deliver the magnet. A bot or link
   * scanner (the intake's list, unless the site turned it off) gets the magnet too, so that previews work, but
   * records nothing: chat previews and mail security gateways open every link they see.
   */
  public Future<Delivery> download(String token, String ip, String userAgent) {
    SignedTokens.Download link;
    try {
      link = tokens.checkDownload(token);
    } catch (SignedTokens.Refused refused) {
      metrics.counter("leadgate.forms.downloads", "outcome", refused.expired() ? "expired" : "invalid").increment();
      throw refused.expired()
          ? new Forbidden("link_expired", "this download link has expired; submit the form again for a new one")
          : new Forbidden("link_invalid", "this download link is not valid");
    }
    FormConfig form = forms.get(link.formId());
    if (form == null || form.magnet() == null) {
      throw new NotFound("unknown_form", "this form no longer offers a download");
    }
    SiteConfig site = sites.get(form.site());
    Delivery delivery = form.magnet().url() != null ? new Redirect(form.magnet().url())
        : new AssetFile(assets.resolve(form.magnet().file()).normalize(), Path.of(form.magnet().file()).getFileName().toString());
    if (site.botFilter() && bots.isBot(userAgent)) {
      metrics.counter("leadgate.downloads.ignored", "reason", "bot").increment();
      return Future.succeededFuture(delivery);
    }
    // the download is recorded only for a lead that exists: a link handed to a caught spam bot leads nowhere
    return leads.lead(link.leadId())
        .compose(lead -> {
          if (lead.isEmpty()) {
            metrics.counter("leadgate.downloads.ignored", "reason", "no_lead").increment();
            return Future.<Void>succeededFuture();
          }
          return events.append(List.of(downloadEvent(form, site, link, IpAnonymizer.apply(site.ip(), ip))));
        })
        .map(v -> {
          metrics.counter("leadgate.forms.downloads", "outcome", "served").increment();
          return delivery;
        })
        .otherwise(e -> {
          // the person gets the magnet even while the store is down; only the record of it is lost
          LOG.warning("download of form " + form.id() + " not recorded: " + e.getMessage());
          metrics.counter("leadgate.forms.downloads", "outcome", "unrecorded").increment();
          return delivery;
        });
  }

  private Optional<String> spamBeforeValidation(FormConfig form, SubmissionParser.Input input) {
    Object honeypot = input.fields().get(form.spam().honeypot());
    if (honeypot != null && !(honeypot instanceof Boolean) && !honeypot.toString().isBlank()
        || Boolean.TRUE.equals(honeypot)) {
      return Optional.of("honeypot");
    }
    Render render = tokens.checkRender(input.token(), form.id(), form.spam().tokenMaxAgeHours() * 3_600_000L);
    if (render instanceof SignedTokens.Forged) {
      return Optional.of("token");
    }
    if (render instanceof SignedTokens.Rendered rendered && rendered.ageMs() < form.spam().minSeconds() * 1000L) {
      return Optional.of("timing");
    }
    if (render instanceof SignedTokens.Absent || render instanceof SignedTokens.Stale) {
      String state = render instanceof SignedTokens.Absent ? "absent" : "stale";
      metrics.counter("leadgate.forms.token", "form", form.id(), "state", state).increment();
      if (form.spam().requireToken()) {
        if (render instanceof SignedTokens.Stale) {
          outcomes.record(form, "invalid", null);
          throw new Unprocessable("form_expired", null, "This form has expired. Please reload the page and submit it again.");
        }
        return Optional.of("token_missing");
      }
    }
    return Optional.empty();
  }

  /** What a caught bot is told: exactly what a person is told, with a link that records nothing. */
  private Answer decoy(FormConfig form, String defence, String visitorId, String baseUrl) {
    metrics.counter("leadgate.forms.spam", "form", form.id(), "defence", defence).increment();
    outcomes.record(form, "spam", defence);
    return answer(form, leadIds.get(), visitorId, baseUrl);
  }

  private Answer answer(FormConfig form, String leadId, String visitorId, String baseUrl) {
    String download = null;
    if (form.magnet() != null) {
      long expiresAt = clock.millis() + form.magnet().linkTtlHours() * 3_600_000L;
      download = baseUrl + "/d/" + tokens.downloadToken(form.id(), leadId, visitorId, expiresAt);
    }
    return new Answer(form.message(), download, form.thankYou());
  }

  private void checkOrigin(FormConfig form, String origin) {
    if (origin != null && !sites.get(form.site()).allowsOrigin(origin)) {
      throw new Forbidden("origin_not_allowed", "origin " + origin + " may not use form " + form.id());
    }
  }

  private static JsonObject firstTouch(Optional<Visitor> visitor, String page, long now) {
    JsonObject touch = visitor.map(Visitor::firstTouch).orElse(new JsonObject());
    if (!touch.isEmpty()) {
      return touch;
    }
    // a visitor the snippet never tracked: the form's page is all we know of where it came from
    return page == null ? new JsonObject() : new JsonObject().put("source", "direct").put("landing", page).put("at", now);
  }

  private static Event formEvent(FormConfig form, Converted converted, String submissionId, String page, String ip,
                                 long now) {
    return new Event("form-" + submissionId, converted.lead().site(), converted.visitorId(), null, EventType.FORM,
        page != null ? page : "/f/" + form.id(), page, null, null, Map.of(), Map.of(), form.id(),
        Map.of("form", form.id(), "lead", converted.lead().id(), "stage", converted.lead().stage().label()),
        0, now, ip);
  }

  private Event downloadEvent(FormConfig form, SiteConfig site, SignedTokens.Download link, String ip) {
    return new Event(UUID.randomUUID().toString(), site.key(), link.visitorId(), null, EventType.DOWNLOAD,
        form.magnet().label(), null, null, null, Map.of(), Map.of(), form.id(),
        Map.of("form", form.id(), "lead", link.leadId()), 0, clock.millis(), ip);
  }

  /** The validator's messages by field, as one refusal naming every field at fault. */
  private static Unprocessable invalidFields(Map<String, String> errors) {
    return Unprocessable.fields(errors.entrySet().stream()
        .map(e -> new FieldError(e.getKey(), e.getValue().equals("is required") ? "required" : "invalid", e.getValue()))
        .toList());
  }

  private String randomId(int bytes) {
    byte[] id = new byte[bytes];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  static String originOf(String url) {
    if (url == null) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(https?://[^/?#\\s]+)").matcher(url);
    return m.lookingAt() ? m.group(1) : null;
  }
}
