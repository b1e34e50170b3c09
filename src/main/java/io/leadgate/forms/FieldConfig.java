package io.leadgate.forms;

import io.leadgate.config.Check;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One field of a form.
 *
 * @param name      the input's name
 * @param type      email, text, tel, number, select, checkbox or hidden
 * @param required  a value must be given (a checkbox: must be ticked)
 * @param maxLength the longest value accepted (default by type: text 256, tel 32...)
 * @param pattern   a regular expression the whole value must match
 * @param values    the allowed values (select)
 * @param consent   {@code privacy} or {@code marketing}: this checkbox is a consent, recorded with {@link #text}
 * @param text      the exact consent text the page shows next to the checkbox
 * @param multiline a text field that may hold line breaks (a message); every other field refuses them
 */
public record FieldConfig(String name, FieldType type, Boolean required, Integer maxLength, String pattern,
                          List<String> values, String consent, String text, Boolean multiline) {
  public static final int MAX_LENGTH = 10_000;

  public FieldConfig {
    name = Check.required(name, "name");
    Check.that(name.matches("[A-Za-z0-9_.-]{1,64}"), "name",
        "must be 1 to 64 letters, digits, '.', '-' or '_' (was \"" + name + "\")");
    type = type == null ? FieldType.TEXT : type;
    required = required != null && required;
    maxLength = maxLength == null ? type.defaultMaxLength() : maxLength;
    Check.range(maxLength, 1, MAX_LENGTH, "maxLength");
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new io.leadgate.config.ConfigException("pattern", "is not a valid regular expression: "
            + e.getDescription() + " (was \"" + pattern + "\")");
      }
    }
    values = values == null ? List.of() : List.copyOf(values);
    Check.that(type != FieldType.SELECT || !values.isEmpty(), "values", "must list the allowed values of a select");
    Check.that(consent == null || consent.equals("privacy") || consent.equals("marketing"), "consent",
        "must be privacy or marketing (was \"" + consent + "\")");
    Check.that(consent == null || type == FieldType.CHECKBOX, "consent", "is only for checkbox fields");
    Check.that(consent == null || (text != null && !text.isBlank()), "text",
        "must be the exact consent text the page shows (a consent is recorded with its text)");
    multiline = multiline != null && multiline;
    Check.that(!multiline || type == FieldType.TEXT, "multiline", "is only for text fields");
  }

  public Pattern compiledPattern() {
    return pattern == null ? null : Pattern.compile(pattern);
  }
}
