package io.leadgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadgate.core.InvalidInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormEncodingTest {

  @Test
  void decode_escapesPlusAndRepeatedNames_asBrowsersSendThem() {
    assertEquals(Map.of("email", List.of("ann@acme.com"), "name", List.of("Ann Lee"), "tag", List.of("a", "b"),
            "city", List.of("Köln")),
        FormEncoding.decode("email=ann%40acme.com&name=Ann+Lee&tag=a&tag=b&city=K%C3%B6ln", "form body"));
  }

  @Test
  void decode_emptyPairsAreSkipped_aNameWithoutValueIsEmpty() {
    assertEquals(Map.of("a", List.of(""), "b", List.of("")), FormEncoding.decode("&&a&b=&", "query string"));
  }

  @Test
  void decode_rawUtf8Bytes_areRead() {
    assertEquals(Map.of("city", List.of("Köln")),
        FormEncoding.decode("city=K\u00c3\u00b6ln".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "form body"));
  }

  @Test
  void decode_brokenEscapeInAValue_namesTheField() {
    InvalidInput e = assertThrows(InvalidInput.class, () -> FormEncoding.decode("name=x&email=%ZZ", "form body"));
    assertEquals("invalid_encoding", e.code());
    assertEquals("email", e.field());
  }

  @Test
  void decode_escapeCutShortAtTheEnd_isRefused() {
    assertEquals("q", assertThrows(InvalidInput.class, () -> FormEncoding.decode("q=a%4", "query string")).field());
  }

  @Test
  void decode_invalidUtf8_namesTheField() {
    InvalidInput e = assertThrows(InvalidInput.class, () -> FormEncoding.decode("email=%C3%28", "form body"));
    assertEquals("email", e.field());
    assertEquals("the form body is not valid UTF-8", e.getMessage());
  }

  @Test
  void decode_overlongUtf8ForASlash_isRefused() {
    assertThrows(InvalidInput.class, () -> FormEncoding.decode("path=%C0%AF", "query string"));
  }

  @Test
  void decode_brokenName_namesWhatWasDecoded() {
    assertEquals("query string", assertThrows(InvalidInput.class, () -> FormEncoding.decode("%FF=1", "query string"))
        .field());
  }
}
