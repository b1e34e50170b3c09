package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormsRoutesTest {

  @Test
  void withQuery_pageWithEarlierErrors_replacesThem() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lg_form", "ebook");
    params.put("lg_error.email", "is required");
    assertEquals("https://acme.com/p?x=1&lg_form=ebook&lg_error.email=is+required",
        FormsRoutes.withQuery("https://acme.com/p?x=1&lg_form=ebook&lg_error.name=too+long#form", params));
  }
}
