package io.leadgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadgate.core.InvalidInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a submission from what a browser sends: the snippet's JSON, or the fields of a plain HTML form (no
 * JavaScript), which carries the render token in the hidden field {@code _lg_t}.
 */
public final class SubmissionParser {
  public static final String TOKEN_FIELD = "_lg_t";
  public static final String SUBMISSION_FIELD = "_lg_s";
  public static final String VISITOR_FIELD = "_lg_v";
  public static final int MAX_FIELDS = 100;
  public static final int MAX_URL = 2048;
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Pattern WEB_URL = Pattern.compile("(?i)https?://[^\\s/?#@]+(?:[/?#][^\\s]*)?");

  private SubmissionParser() {
  }

  /**
   * A submission as sent, before any check against its form.
   *
   * @param visitor    the visitor id, or null (a page without the snippet)
   * @param submission the id kept over retries of one submission, or null
   * @param token      the render token, or null
   * @param page       the page the form was on, or null
   * @param fields     the form fields: strings, booleans, numbers; any other JSON value is passed on for the
   *                   validator to refuse
   */
  public record Input(String visitor, String submission, String token, String page, Map<String, Object> fields) {
  }

  /** {@code {"visitor", "submission", "token", "page", "fields": {...}}} */
  public static Input fromJson(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInput("invalid_submission", null, "the body must be a JSON object");
    }
    JsonNode fieldsNode = body.get("fields");
    if (fieldsNode == null || !fieldsNode.isObject()) {
      throw InvalidInput.field("fields", "must be an object of the form's fields");
    }
    if (fieldsNode.size() > MAX_FIELDS) {
      throw InvalidInput.field("fields", "must hold at most " + MAX_FIELDS + " fields");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fieldsNode.properties().forEach(e -> {
      JsonNode value = e.getValue();
      if (value.isTextual()) {
        fields.put(e.getKey(), value.textValue());
      } else if (value.isBoolean()) {
        fields.put(e.getKey(), value.booleanValue());
      } else if (value.isNumber()) {
        fields.put(e.getKey(), value.asText());
      } else if (!value.isNull()) {
        fields.put(e.getKey(), value);
      }
    });
    return new Input(id(text(body, "visitor"), "visitor"), id(text(body, "submission"), "submission"),
        text(body, "token"), url(text(body, "page")), fields);
  }

  /**
   * A plain HTML post.
   *
   * @param form          the posted fields (each name with the values it was sent with)
   * @param referer       the {@code Referer} header: the page
   * @param visitorCookie the snippet's {@code _lg_v} cookie when the gateway shares the site's domain, or null
   */
  public static Input fromForm(Map<String, List<String>> form, String referer, String visitorCookie) {
    if (form.size() > MAX_FIELDS) {
      throw InvalidInput.field("fields", "must hold at most " + MAX_FIELDS + " fields");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    String token = null;
    String submission = null;
    String visitor = visitorCookie != null && ID.matcher(visitorCookie).matches() ? visitorCookie : null;
    for (Map.Entry<String, List<String>> entry : form.entrySet()) {
      List<String> values = entry.getValue();
      String first = values.isEmpty() ? "" : values.get(0);
      switch (entry.getKey()) {
        case TOKEN_FIELD -> token = first;
        case SUBMISSION_FIELD -> submission = first;
        case VISITOR_FIELD -> visitor = ID.matcher(first).matches() ? first : visitor;
        default -> fields.put(entry.getKey(), values.size() > 1 ? values : first);
      }
    }
    return new Input(visitor, submission == null || submission.isEmpty() ? null : id(submission, SUBMISSION_FIELD),
        token, url(referer), fields);
  }

  private static String text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw InvalidInput.field(name, "must be a string");
    }
    String text = value.textValue();
    if (text.length() > Math.max(MAX_URL, SignedTokens.MAX_LENGTH)) {
      throw InvalidInput.field(name, "is too long");
    }
    return text.isEmpty() ? null : text;
  }

  private static String id(String value, String name) {
    if (value != null && !ID.matcher(value).matches()) {
      throw InvalidInput.field(name, "must be 8 to 64 letters, digits, '-' or '_'");
    }
    return value;
  }

  /** The page is context, not input anyone relies on: anything but a plain web URL is dropped. */
  private static String url(String value) {
    return value != null && value.length() <= MAX_URL && WEB_URL.matcher(value).matches() ? value : null;
  }
}
