package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.collect.VisitorCookie;
import io.leadgate.core.DomainException;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.core.RateLimited;
import io.leadgate.core.Unprocessable;
import io.leadgate.core.UnsupportedFormat;
import io.leadgate.http.ClientIp;
import io.leadgate.http.ContentType;
import io.leadgate.http.FormEncoding;
import io.leadgate.http.Handlers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.MimeMapping;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /f/{form}/token}, {@code POST /f/{form}} (the snippet's JSON, or a plain HTML form) and
 * {@code GET /d/{token}} (the lead-magnet link). HTTP in and out only; {@link FormsService} decides.
 */
public final class FormsRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");
  private final FormsService service;
  private final ClientIp clientIp;
  private final String publicUrl;

  /** @param publicUrl the gateway's public URL for the links it hands out, or null to take it from each request */
  public FormsRoutes(FormsService service, ClientIp clientIp, String publicUrl) {
    this.service = service;
    this.clientIp = clientIp;
    this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
  }

  public void mount(Router router) {
    router.get("/f/:form/token").handler(this::token);
    router.post("/f/:form").handler(this::submit);
    router.get("/d/:token").handler(this::download);
  }

  private void token(RoutingContext ctx) {
    Handlers.call(ctx, () -> Future.succeededFuture(service.token(ctx.pathParam("form"), origin(ctx))),
        token -> noStore(ctx.response()).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("token", token).encode()));
  }

  private void submit(RoutingContext ctx) {
    String formId = ctx.pathParam("form");
    String type = mediaType(ctx);
    if (type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data")) {
      submitHtml(ctx, formId);
      return;
    }
    if (!type.equals("application/json") && !type.equals("text/plain")) {
      ctx.fail(new UnsupportedFormat("send a form as application/json or application/x-www-form-urlencoded"));
      return;
    }
    Handlers.call(ctx, () -> service.submit(formId, new FormsService.Submit(
        firstPartyVisitor(ctx, SubmissionParser.fromJson(body(ctx))), origin(ctx), clientIp.of(ctx.request()),
        baseUrl(ctx))), answer -> noStore(ctx.response())
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("ok", true).put("message", answer.message()).put("download", answer.download())
            .put("redirect", answer.redirect()).encode()));
  }

  /** The id of the gateway's own visitor cookie, where the site serves it first party, wins as it does for events. */
  private static SubmissionParser.Input firstPartyVisitor(RoutingContext ctx, SubmissionParser.Input input) {
    String cookie = VisitorCookie.read(ctx.request());
    return cookie == null ? input
        : new SubmissionParser.Input(cookie, input.submission(), input.token(), input.page(), input.fields());
  }

  /** A browser without JavaScript: answers are redirects (or a small page), errors go back to the form's page. */
  private void submitHtml(RoutingContext ctx, String formId) {
    String referer = ctx.request().getHeader("Referer");
    Cookie visitor = ctx.request().getCookie(SubmissionParser.VISITOR_FIELD);
    attempt(() -> service.submit(formId, new FormsService.Submit(firstPartyVisitor(ctx,
        SubmissionParser.fromForm(formFields(ctx), referer, visitor == null ? null : visitor.getValue())),
        origin(ctx), clientIp.of(ctx.request()), baseUrl(ctx))))
        .onSuccess(answer -> {
          if (answer.redirect() != null) {
            seeOther(ctx, answer.download() == null ? answer.redirect()
                : withQuery(answer.redirect(), Map.of("lg_download", answer.download())));
          } else {
            thankYouPage(ctx, answer, service.mayRedirectTo(formId, referer) ? referer : null);
          }
        })
        .onFailure(e -> {
          if ((e instanceof Unprocessable || e instanceof RateLimited) && service.mayRedirectTo(formId, referer)) {
            DomainException refusal = (DomainException) e;
            Map<String, String> query = new LinkedHashMap<>();
            query.put("lg_form", formId);
            if (!refusal.fields().isEmpty()) {
              refusal.fields().forEach(field -> query.put("lg_error." + field.field(), field.message()));
            } else if (refusal.field() != null) {
              query.put("lg_error." + refusal.field(), refusal.getMessage());
            } else {
              query.put("lg_error", refusal.getMessage());
            }
            seeOther(ctx, withQuery(referer, query));
          } else {
            ctx.fail(e);
          }
        });
  }

  private void download(RoutingContext ctx) {
    Handlers.call(ctx, () -> service.download(ctx.pathParam("token"), clientIp.of(ctx.request()),
        ctx.request().getHeader("User-Agent")), delivery -> {
      if (delivery instanceof FormsService.Redirect redirect) {
        noStore(ctx.response()).setStatusCode(302).putHeader("Location", redirect.url()).end();
      } else if (delivery instanceof FormsService.AssetFile file) {
        sendFile(ctx, file);
      }
    });
  }

  /** Streams the file from the assets folder; opening and reading it never blocks the event loop. */
  private static void sendFile(RoutingContext ctx, FormsService.AssetFile file) {
    String path = file.path().toString();
    ctx.vertx().fileSystem().props(path)
        .compose(props -> ctx.vertx().fileSystem().open(path, new OpenOptions().setRead(true).setWrite(false))
            .compose(opened -> {
              String mime = MimeMapping.mimeTypeForFilename(file.name());
              noStore(ctx.response())
                  .putHeader("Content-Type", mime == null ? "application/octet-stream" : mime)
                  .putHeader("Content-Length", Long.toString(props.size()))
                  .putHeader("Content-Disposition", "attachment; filename=\"" + file.name().replace("\"", "") + "\"");
              return ctx.response().send(opened);
            }))
        .onFailure(e -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(new NotFound("magnet_missing", "the file of this download is missing"));
          }
        });
  }

  private static void thankYouPage(RoutingContext ctx, FormsService.Answer answer, String back) {
    StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Thank you</title>"
        + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>"
        + "</head><body><p>").append(escape(answer.message())).append("</p>");
    if (answer.download() != null) {
      html.append("<p><a href=\"").append(escape(answer.download())).append("\">Download</a></p>");
    }
    if (back != null) {
      html.append("<p><a href=\"").append(escape(back)).append("\">Back</a></p>");
    }
    noStore(ctx.response()).putHeader("Content-Type", "text/html; charset=utf-8")
        .end(html.append("</body></html>").toString());
  }

  private static void seeOther(RoutingContext ctx, String location) {
    noStore(ctx.response()).setStatusCode(303).putHeader("Location", location).end();
  }

  private static HttpServerResponse noStore(HttpServerResponse response) {
    return response.putHeader("Cache-Control", "no-store");
  }

  /** The gateway's URL for links: the configured public URL, else this request's scheme and Host. */
  private String baseUrl(RoutingContext ctx) {
    if (publicUrl != null) {
      return publicUrl;
    }
    HostAndPort authority = ctx.request().authority();
    if (authority == null || !HOST.matcher(authority.host()).matches()) {
      return "";
    }
    int port = authority.port();
    String scheme = ctx.request().scheme() == null ? "http" : ctx.request().scheme();
    boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + authority.host() + (defaultPort ? "" : ":" + port);
  }

  private static String origin(RoutingContext ctx) {
    return ctx.request().getHeader("Origin");
  }

  private static String mediaType(RoutingContext ctx) {
    String type = ContentType.mediaType(ctx.request().getHeader("Content-Type"));
    return type == null ? "application/json" : type;
  }

  private static JsonNode body(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new InvalidInput("empty_body", null, "the body must be a JSON submission");
    }
    try {
      return JSON.readTree(body.getBytes());
    } catch (IOException e) {
      throw new InvalidInput("invalid_json", null, "the body is not valid JSON");
    }
  }

  /** A url-encoded body is decoded strictly here (see {@link FormEncoding}); multipart was decoded by Vert.x. */
  private static Map<String, List<String>> formFields(RoutingContext ctx) {
    if (mediaType(ctx).equals("multipart/form-data")) {
      MultiMap form = ctx.request().formAttributes();
      Map<String, List<String>> fields = new LinkedHashMap<>();
      form.names().forEach(name -> fields.put(name, form.getAll(name)));
      return fields;
    }
    String charset = ContentType.parameter(ctx.request().getHeader("Content-Type"), "charset");
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      throw new UnsupportedFormat("send the form in UTF-8 (was charset " + charset + ")");
    }
    Buffer body = ctx.body().buffer();
    return body == null ? Map.of() : FormEncoding.decode(body.getBytes(), "form body");
  }

  private static <T> Future<T> attempt(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The URL with the parameters added, and without the {@code lg_} parameters of an earlier failed attempt. */
  static String withQuery(String url, Map<String, String> params) {
    int hash = url.indexOf('#');
    String base = hash < 0 ? url : url.substring(0, hash);
    int question = base.indexOf('?');
    if (question >= 0) {
      String kept = java.util.Arrays.stream(base.substring(question + 1).split("&"))
          .filter(p -> !p.isEmpty() && !p.startsWith("lg_")).collect(java.util.stream.Collectors.joining("&"));
      base = base.substring(0, question) + (kept.isEmpty() ? "" : "?" + kept);
    }
    StringBuilder out = new StringBuilder(base);
    char separator = base.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      out.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
