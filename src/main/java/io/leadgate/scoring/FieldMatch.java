package io.leadgate.scoring;

import io.leadgate.config.Check;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A test on a lead's form fields, shared by fit rules and BANT signals: one of {@code keywords} (a whole word or
 * phrase anywhere in the value), {@code values} (the whole value) or {@code range} (a number or band, see
 * {@link SizeRange}), all case-insensitive, on any of the named fields. A multi-choice field matches when any of
 * its choices does.
 */
public final class FieldMatch {
  private final List<String> fields;
  private final List<String> keywords;
  private final List<Pattern> keywordPatterns;
  private final List<String> values;
  private final SizeRange range;

  private FieldMatch(List<String> fields, List<String> keywords, List<String> values, SizeRange range) {
    this.fields = fields;
    this.keywords = keywords;
    this.values = values;
    this.range = range;
    this.keywordPatterns = keywords.stream().map(k -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(k)
        + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
  }

  /**
   * Validates a configured test; each failure names its setting.
   *
   * @param field  one field name, or null
   * @param fields several field names, or null
   */
  static FieldMatch of(String field, List<String> fields, List<String> keywords, List<String> values, SizeRange range) {
    List<String> names = new ArrayList<>();
    if (field != null) {
      names.add(Check.required(field, "field"));
    }
    if (fields != null) {
      for (int i = 0; i < fields.size(); i++) {
        names.add(Check.required(fields.get(i), "fields[" + i + "]"));
      }
    }
    Check.that(!names.isEmpty(), "field", "is required (the form field to test, or fields: [a, b])");
    int tests = (keywords == null ? 0 : 1) + (values == null ? 0 : 1) + (range == null ? 0 : 1);
    Check.that(tests == 1, "keywords", "exactly one of keywords, values or range is needed (found " + tests + ")");
    return new FieldMatch(List.copyOf(names), cleaned(keywords, "keywords"), cleaned(values, "values"), range);
  }

  private static List<String> cleaned(List<String> list, String name) {
    if (list == null) {
      return List.of();
    }
    Check.that(!list.isEmpty(), name, "must not be empty");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(Check.required(list.get(i), name + "[" + i + "]").toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  /** Why the fields pass this test ({@code role "VP Sales" has "vp"}), or empty when they do not. */
  public Optional<String> test(JsonObject leadFields) {
    for (String name : fields) {
      for (String value : valuesOf(leadFields.getValue(name))) {
        Optional<String> why = testOne(value);
        if (why.isPresent()) {
          return Optional.of(name + " \"" + value + "\" " + why.get());
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> testOne(String value) {
    for (int i = 0; i < keywordPatterns.size(); i++) {
      if (keywordPatterns.get(i).matcher(value).find()) {
        return Optional.of("has \"" + keywords.get(i) + "\"");
      }
    }
    String normalised = value.strip().toLowerCase(Locale.ROOT);
    if (values.contains(normalised)) {
      return Optional.of("is listed");
    }
    if (range != null && range.contains(value)) {
      return Optional.of("is in " + range);
    }
    return Optional.empty();
  }

  private static List<String> valuesOf(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof JsonArray array) {
      List<String> out = new ArrayList<>();
      array.forEach(v -> {
        if (v != null) {
          out.add(v.toString());
        }
      });
      return out;
    }
    String text = value.toString();
    return text.isBlank() ? List.of() : List.of(text);
  }
}
