package io.leadgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormValidatorTest {
  static final FormConfig FORM = new FormConfig("ebook", "acme", FormKind.MAGNET, List.of(
      field("email", FieldType.EMAIL, true),
      new FieldConfig("name", FieldType.TEXT, false, 20, null, null, null, null, null),
      new FieldConfig("message", FieldType.TEXT, false, 500, null, null, null, null, true),
      field("phone", FieldType.TEL, false),
      field("employees", FieldType.NUMBER, false),
      new FieldConfig("country", FieldType.SELECT, false, null, null, List.of("DE", "FR"), null, null, null),
      new FieldConfig("code", FieldType.TEXT, false, null, "[A-Z]{3}", null, null, null, null),
      field("newsletter", FieldType.CHECKBOX, false),
      new FieldConfig("consent_privacy", FieldType.CHECKBOX, true, null, null, null, "privacy", "I agree.", null),
      new FieldConfig("consent_marketing", FieldType.CHECKBOX, false, null, null, null, "marketing", "Send news.", null)),
      null, null, null, null, null, null, null, null);

  static FieldConfig field(String name, FieldType type, boolean required) {
    return new FieldConfig(name, type, required, null, null, null, null, null, null);
  }

  static Map<String, Object> valid() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("email", "ann@acme.com");
    fields.put("consent_privacy", true);
    return fields;
  }

  static Map<String, String> errors(String name, Object value) {
    Map<String, Object> fields = valid();
    fields.put(name, value);
    return FormValidator.validate(FORM, fields).errors();
  }

  @Test
  void validate_minimalSubmission_ok() {
    assertTrue(FormValidator.validate(FORM, valid()).ok());
  }

  @Test
  void validate_missingEmail_required() {
    Map<String, Object> fields = valid();
    fields.remove("email");
    assertEquals(Map.of("email", "is required"), FormValidator.validate(FORM, fields).errors());
  }

  @Test
  void validate_invalidEmail_says_so() {
    assertEquals(Map.of("email", "must be a valid email address"), errors("email", "ann@"));
  }

  @Test
  void validate_privacyConsentNotTicked_mustBeAccepted() {
    assertEquals(Map.of("consent_privacy", "must be accepted"), errors("consent_privacy", false));
  }

  @Test
  void validate_tooLong_saysTheLimit() {
    assertEquals(Map.of("name", "must be at most 20 characters"), errors("name", "x".repeat(21)));
  }

  @Test
  void validate_lineBreakInSingleLineField_refused() {
    assertEquals(Map.of("name", "must not contain line breaks"), errors("name", "Ann\r\nBcc: x@evil.com"));
  }

  @Test
  void validate_lineBreakInMultilineField_kept() {
    assertTrue(FormValidator.validate(FORM, Map.of("email", "ann@acme.com", "consent_privacy", true,
        "message", "line 1\nline 2")).ok());
  }

  @Test
  void validate_controlCharacter_refused() {
    assertEquals(Map.of("name", "must not contain control characters"), errors("name", "Ann\u0000"));
  }

  @Test
  void validate_selectValueNotListed_refused() {
    assertEquals(Map.of("country", "must be one of DE, FR"), errors("country", "XX"));
  }

  @Test
  void validate_patternMismatch_refused() {
    assertEquals(Map.of("code", "is not in the expected format"), errors("code", "abc"));
  }

  @Test
  void validate_notAPhoneNumber_refused() {
    assertEquals(Map.of("phone", "must be a phone number"), errors("phone", "call me"));
  }

  @Test
  void validate_notANumber_refused() {
    assertEquals(Map.of("employees", "must be a number"), errors("employees", "many"));
  }

  @Test
  void validate_arrayValue_refused() {
    assertEquals(Map.of("name", "must be a single value"), errors("name", List.of("a", "b")));
  }

  @Test
  void validate_unknownField_dropped() {
    Map<String, Object> fields = valid();
    fields.put("is_admin", "yes");
    assertFalse(FormValidator.validate(FORM, fields).valid().fields().containsKey("is_admin"));
  }

  @Test
  void validate_consents_recordedWithTheirText_notAsFields() {
    Map<String, Object> fields = valid();
    fields.put("consent_marketing", "on");
    FormValidator.Valid valid = FormValidator.validate(FORM, fields).valid();
    assertEquals(List.of(new FormValidator.Consent("consent_privacy", "privacy", "I agree."),
        new FormValidator.Consent("consent_marketing", "marketing", "Send news.")), valid.consents());
    assertFalse(valid.fields().containsKey("consent_privacy"));
  }

  @Test
  void validate_htmlCheckboxValue_ticked() {
    Map<String, Object> fields = valid();
    fields.put("consent_privacy", "yes");
    fields.put("newsletter", "on");
    FormValidator.Valid valid = FormValidator.validate(FORM, fields).valid();
    assertEquals(true, valid.fields().getBoolean("newsletter"));
  }

  @Test
  void validate_severalErrors_allReported() {
    Map<String, Object> fields = Map.of("email", "x", "name", "y".repeat(30));
    assertEquals(List.of("email", "name", "consent_privacy"),
        List.copyOf(FormValidator.validate(FORM, fields).errors().keySet()));
  }
}
