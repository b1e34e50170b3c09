package io.leadgate.scoring;

import io.leadgate.config.Check;
import java.util.List;

/**
 * One way a BANT criterion becomes known: a form field test ({@code field}/{@code fields} with {@code keywords},
 * {@code values} or {@code range}, as in fit rules), a custom event ({@code event}: its name, a {@link Glob}) or a
 * submitted form ({@code form}: its id, a {@link Glob}). A criterion known from an event or a form stays known; one
 * known from fields follows the fields.
 */
public record Signal(String field, List<String> fields, List<String> keywords, List<String> values, SizeRange range,
                     Glob event, Glob form) {

  public Signal {
    fields = fields == null ? null : List.copyOf(fields);
    keywords = keywords == null ? null : List.copyOf(keywords);
    values = values == null ? null : List.copyOf(values);
    boolean fieldTest = field != null || fields != null || keywords != null || values != null || range != null;
    int kinds = (fieldTest ? 1 : 0) + (event == null ? 0 : 1) + (form == null ? 0 : 1);
    Check.that(kinds == 1, "field", "a signal is exactly one of: a field test (field + keywords/values/range), "
        + "event: <custom event name>, form: <form id> (found " + kinds + ")");
    if (fieldTest) {
      FieldMatch.of(field, fields, keywords, values, range);
    }
  }

  FieldMatch fieldMatch() {
    return field == null && fields == null ? null : FieldMatch.of(field, fields, keywords, values, range);
  }
}
