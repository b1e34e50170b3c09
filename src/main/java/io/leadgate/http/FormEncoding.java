package io.leadgate.http;

import io.leadgate.core.InvalidInput;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code application/x-www-form-urlencoded} (a form body, a query string) strictly: a broken percent-escape
 * or bytes that are not UTF-8 are the client's mistake, answered as {@link InvalidInput} naming the field, where
 * lenient decoders either throw something unexpected or quietly store replacement characters.
 */
public final class FormEncoding {
  private FormEncoding() {
  }

  /**
   * @param where what is decoded, for messages when no field can be named ({@code "body"}, {@code "query"})
   * @return the values by name, in the order sent
   * @throws InvalidInput {@code invalid_encoding} naming the field (or {@code where})
   */
  public static Map<String, List<String>> decode(byte[] encoded, String where) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i <= encoded.length; i++) {
      if (i == encoded.length || encoded[i] == '&') {
        if (i > start) {
          pair(encoded, start, i, where, values);
        }
        start = i + 1;
      }
    }
    return values;
  }

  public static Map<String, List<String>> decode(String encoded, String where) {
    return decode(encoded.getBytes(StandardCharsets.ISO_8859_1), where);
  }

  private static void pair(byte[] encoded, int from, int to, String where, Map<String, List<String>> values) {
    int equals = from;
    while (equals < to && encoded[equals] != '=') {
      equals++;
    }
    String name = text(encoded, from, equals, where, where);
    String value = equals < to ? text(encoded, equals + 1, to, name, where) : "";
    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  private static String text(byte[] encoded, int from, int to, String field, String where) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = encoded[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%') {
        int high = i + 2 < to ? Character.digit(encoded[i + 1], 16) : -1;
        int low = i + 2 < to ? Character.digit(encoded[i + 2], 16) : -1;
        if (high < 0 || low < 0) {
          throw new InvalidInput("invalid_encoding", field,
              "the " + where + " has a broken percent-escape (% must be followed by two hex digits)");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInput("invalid_encoding", field, "the " + where + " is not valid UTF-8");
    }
  }
}
