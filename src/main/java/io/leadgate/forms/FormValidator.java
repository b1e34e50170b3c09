package io.leadgate.forms;

import io.leadgate.identity.EmailAddress;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a submission's fields against its form: every error at once, keyed by field, in words for the person
 * who filled the form in. Fields the form does not define are dropped.
 */
public final class FormValidator {
  private static final Pattern TEL = Pattern.compile("\\+?[0-9 ().\\/-]{3,}(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+([.,][0-9]+)?");
  private static final Set<String> UNTICKED = Set.of("", "false", "0", "off", "no");

  private FormValidator() {
  }

  /** A consent given with the submission: which checkbox, which kind, which exact text. */
  public record Consent(String field, String kind, String text) {
  }

  /**
   * A valid submission.
   *
   * @param fields the values to keep on the lead: text as trimmed strings, checkboxes as booleans; without the
   *               email and the consents, which the lead keeps apart
   */
  public record Valid(EmailAddress email, JsonObject fields, List<Consent> consents) {
  }

  /** Exactly one of {@code valid} and {@code errors} is set. */
  public record Result(Valid valid, Map<String, String> errors) {
    public boolean ok() {
      return valid != null;
    }
  }

  /** @param raw the submitted fields: strings, booleans or numbers (anything else is refused) */
  public static Result validate(FormConfig form, Map<String, Object> raw) {
    Map<String, String> errors = new LinkedHashMap<>();
    JsonObject fields = new JsonObject();
    List<Consent> consents = new ArrayList<>();
    EmailAddress email = null;
    for (FieldConfig field : form.fields()) {
      Object value = raw.get(field.name());
      if (value != null && !(value instanceof String || value instanceof Boolean || value instanceof Number)) {
        errors.put(field.name(), "must be a single value");
        continue;
      }
      if (field.type() == FieldType.CHECKBOX) {
        boolean ticked = ticked(value);
        if (field.required() && !ticked) {
          errors.put(field.name(), field.consent() != null ? "must be accepted" : "is required");
        } else if (field.consent() != null) {
          if (ticked) {
            consents.add(new Consent(field.name(), field.consent(), field.text()));
          }
        } else {
          fields.put(field.name(), ticked);
        }
        continue;
      }
      String text = value == null ? "" : value.toString().strip();
      if (text.isEmpty()) {
        if (field.required()) {
          errors.put(field.name(), "is required");
        }
        continue;
      }
      String problem = problem(field, text);
      if (problem != null) {
        errors.put(field.name(), problem);
        continue;
      }
      if (field.type() == FieldType.EMAIL) {
        try {
          email = EmailAddress.parse(text);
        } catch (EmailAddress.Invalid e) {
          errors.put(field.name(), e.getMessage());
        }
      } else {
        fields.put(field.name(), text);
      }
    }
    return errors.isEmpty() ? new Result(new Valid(email, fields, consents), null) : new Result(null, errors);
  }

  private static String problem(FieldConfig field, String text) {
    if (!field.multiline() && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
      return "must not contain line breaks";
    }
    if (text.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)) {
      return "must not contain control characters";
    }
    if (text.length() > field.maxLength()) {
      return "must be at most " + field.maxLength() + " characters";
    }
    switch (field.type()) {
      case TEL -> {
        if (!TEL.matcher(text).matches() || text.chars().filter(Character::isDigit).count() < 3) {
          return "must be a phone number";
        }
      }
      case NUMBER -> {
        if (!NUMBER.matcher(text).matches()) {
          return "must be a number";
        }
      }
      case SELECT -> {
        if (!field.values().contains(text)) {
          return field.values().size() <= 10 ? "must be one of " + String.join(", ", field.values())
              : "must be one of the listed options";
        }
      }
      default -> {
      }
    }
    if (field.pattern() != null && !field.compiledPattern().matcher(text).matches()) {
      return "is not in the expected format";
    }
    return null;
  }

  /** A ticked box: JSON true, or the value an HTML checkbox posts ({@code on}, or its value attribute). */
  static boolean ticked(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return value != null && !UNTICKED.contains(value.toString().strip().toLowerCase(Locale.ROOT));
  }
}
