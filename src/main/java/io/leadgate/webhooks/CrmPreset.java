package io.leadgate.webhooks;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CRM whose "create or update a person by email" the dispatcher speaks instead of posting the signed envelope
 * ({@code webhooks[].preset}): where its API lives by default, how the token is presented, which of its fields the
 * lead fills by default (the first touch's source, campaign and click ids included), and the exchange of requests
 * that upserts one person. The defaults are a {@code payload} mapping like any other, so {@code payload.fields} and
 * {@code payload.constants} change or extend them (a field mapped to nothing is left out). Immutable.
 */
public enum CrmPreset {
  /** HubSpot CRM v3 contacts, with a private app's access token. */
  HUBSPOT("hubspot", "https://api.hubapi.com", "Authorization", "Bearer ", HubSpotExchange::new, List.of(
      "email", "data.email",
      "firstname", "data.fields.first_name",
      "lastname", "data.fields.last_name",
      "company", "data.fields.company",
      "jobtitle", "data.fields.role",
      "phone", "data.fields.phone",
      "leadgate_source", "data.first_touch.source",
      "utm_source", "data.first_touch.utm_source",
      "utm_medium", "data.first_touch.utm_medium",
      "utm_campaign", "data.first_touch.utm_campaign",
      "hs_google_click_id", "data.first_touch.gclid",
      "hs_facebook_click_id", "data.first_touch.fbclid",
      "msclkid", "data.first_touch.msclkid",
      "li_fat_id", "data.first_touch.li_fat_id"), Map.of()),
  /** Pipedrive API v2 persons, with a user's API token. */
  PIPEDRIVE("pipedrive", "https://api.pipedrive.com", "x-api-token", "", PipedriveExchange::new, List.of(
      "name", "data.fields.name",
      "phone", "data.fields.phone"), Map.of()),
  /** Salesforce REST API, sObject Lead, with an OAuth access token; no default URL: each org has its own domain. */
  SALESFORCE("salesforce", null, "Authorization", "Bearer ", SalesforceExchange::new, List.of(
      "Email", "data.email",
      "FirstName", "data.fields.first_name",
      "LastName", "data.fields.last_name",
      "Company", "data.fields.company",
      "Title", "data.fields.role",
      "Phone", "data.fields.phone",
      "Leadgate_Source__c", "data.first_touch.source",
      "UTM_Source__c", "data.first_touch.utm_source",
      "UTM_Medium__c", "data.first_touch.utm_medium",
      "UTM_Campaign__c", "data.first_touch.utm_campaign",
      "GCLID__c", "data.first_touch.gclid",
      "FBCLID__c", "data.first_touch.fbclid",
      "MSCLKID__c", "data.first_touch.msclkid",
      "LI_FAT_ID__c", "data.first_touch.li_fat_id"), Map.of("LeadSource", "Web"));

  /** Makes the exchange that upserts one person. */
  interface ExchangeFactory {
    /**
     * @param email  the lead's address: the key the CRM finds the person by
     * @param person the CRM's fields as the mapping filled them
     * @param lead   the lead as the event carries it ({@code fields.name} for a name split)
     */
    CrmExchange create(String email, JsonObject person, JsonObject lead);
  }

  private final String label;
  private final String defaultUrl;
  private final String authHeader;
  private final String authScheme;
  private final ExchangeFactory exchanges;
  private final Map<String, String> fields;
  private final Map<String, Object> constants;

  CrmPreset(String label, String defaultUrl, String authHeader, String authScheme, ExchangeFactory exchanges,
            List<String> fieldPairs, Map<String, Object> constants) {
    this.label = label;
    this.defaultUrl = defaultUrl;
    this.authHeader = authHeader;
    this.authScheme = authScheme;
    this.exchanges = exchanges;
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < fieldPairs.size(); i += 2) {
      pairs.put(fieldPairs.get(i), fieldPairs.get(i + 1));
    }
    this.fields = java.util.Collections.unmodifiableMap(pairs);
    this.constants = constants;
  }

  public static Optional<CrmPreset> parse(String name) {
    return Arrays.stream(values()).filter(p -> p.label.equals(name)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(CrmPreset::label).toList();
  }

  public String label() {
    return label;
  }

  /** The API's base URL when {@code url} is not given, or null when it must be (Salesforce). */
  public String defaultUrl() {
    return defaultUrl;
  }

  /** The request header the token goes in. */
  public String authHeader() {
    return authHeader;
  }

  /** Whether the gateway can fetch this CRM's access tokens itself (OAuth client credentials, {@code oauth}). */
  public boolean fetchesTokens() {
    return this == SALESFORCE;
  }

  String authValue(String token) {
    return authScheme + token;
  }

  /** The default mapping: CRM field → path into the envelope. */
  public Map<String, String> fields() {
    return fields;
  }

  public Map<String, Object> constants() {
    return constants;
  }

  /**
   * The defaults with the configured mapping on top: a configured field or constant replaces the default of the same
   * name, and a field configured with no path removes it.
   */
  PayloadMapper mapper(EndpointConfig.PayloadConfig configured) {
    Map<String, String> merged = new LinkedHashMap<>(fields);
    Map<String, Object> mergedConstants = new LinkedHashMap<>(constants);
    configured.fields().forEach((field, path) -> {
      mergedConstants.remove(field);
      if (path == null) {
        merged.remove(field);
      } else {
        merged.put(field, path);
      }
    });
    configured.constants().forEach((field, value) -> {
      merged.remove(field);
      mergedConstants.put(field, value);
    });
    return new PayloadMapper(merged, mergedConstants);
  }

  /** The exchange that upserts the person a lead event is about. */
  CrmExchange exchange(PayloadMapper mapper, io.leadgate.core.DomainEvent event) {
    JsonObject lead = event.data() == null ? new JsonObject() : event.data();
    String email = lead.getString("email");
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("the event's lead has no email, which " + label + " finds people by");
    }
    return exchanges.create(email.strip().toLowerCase(Locale.ROOT), mapper.map(event), lead);
  }

  /**
   * The person's name as first and last, when the form asked for one {@code name}: split at its last space
   * ("Ann Marie Lee" → "Ann Marie", "Lee"); one word is a last name. Null when there is no name.
   */
  static String[] splitName(JsonObject lead) {
    JsonObject formFields = lead.getJsonObject("fields");
    Object name = formFields == null ? null : formFields.getValue("name");
    if (!(name instanceof String text) || text.isBlank()) {
      return null;
    }
    String full = text.strip().replaceAll("\\s+", " ");
    int space = full.lastIndexOf(' ');
    return space < 0 ? new String[] {null, full} : new String[] {full.substring(0, space), full.substring(space + 1)};
  }

  /** Fills {@code first}/{@code last} from the form's single {@code name} when the mapping set neither. */
  static void fillNames(JsonObject person, JsonObject lead, String first, String last) {
    if (person.containsKey(first) || person.containsKey(last)) {
      return;
    }
    String[] split = splitName(lead);
    if (split != null) {
      if (split[0] != null) {
        person.put(first, split[0]);
      }
      person.put(last, split[1]);
    }
  }

  static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
