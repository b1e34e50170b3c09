package io.leadgate.scoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A shell-style pattern, case-insensitive: {@code *} matches any run of characters (slashes included), {@code ?}
 * exactly one; everything else stands for itself. {@code /pricing*} matches {@code /pricing} and
 * {@code /pricing/enterprise}; {@code *case-study*.pdf} matches any URL of such a file.
 */
public record Glob(String text, Pattern pattern) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Glob of(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
        | Pattern.DOTALL));
  }

  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  @JsonValue
  @Override
  public String toString() {
    return text;
  }
}
