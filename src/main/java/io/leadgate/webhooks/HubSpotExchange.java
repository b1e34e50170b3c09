package io.leadgate.webhooks;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot CRM v3: {@code POST /crm/v3/objects/contacts} creates the contact ({@code 201}); when the email is taken
 * HubSpot answers {@code 409} naming the existing contact ("Contact already exists. Existing ID: 123", and in newer
 * answers {@code identityProfile.vid}), and {@code PATCH /crm/v3/objects/contacts/123} updates it ({@code 200}).
 * Create first because most deliveries are of new leads; a retry of a create that did land meets the 409 and updates.
 */
final class HubSpotExchange implements CrmExchange {
  static final String CONTACTS = "/crm/v3/objects/contacts";
  private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: (\\d+)");

  private final JsonObject body;

  HubSpotExchange(String email, JsonObject person, JsonObject lead) {
    JsonObject properties = person.copy();
    properties.put("email", email);
    CrmPreset.fillNames(properties, lead, "firstname", "lastname");
    this.body = new JsonObject().put("properties", properties);
  }

  @Override
  public Request first() {
    return new Request("POST", CONTACTS, body);
  }

  @Override
  public Step after(Request sent, WebhookSender.Answer answer) {
    if (!sent.method().equals("POST") || answer.status() != 409) {
      return CrmExchange.done(answer);
    }
    String existing = existingId(answer);
    return existing == null ? CrmExchange.done(answer) : CrmExchange.next("PATCH", CONTACTS + "/" + existing, body);
  }

  /** The existing contact's id from a 409 answer, or null when it names none (then the 409 is the outcome). */
  static String existingId(WebhookSender.Answer answer) {
    if (answer.body() == null) {
      return null;
    }
    Matcher matcher = EXISTING_ID.matcher(answer.body());
    if (matcher.find()) {
      return matcher.group(1);
    }
    if (CrmExchange.json(answer) instanceof JsonObject object && object.getValue("identityProfile") instanceof JsonObject
        profile && profile.getValue("vid") instanceof Number vid) {
      return Long.toString(vid.longValue());
    }
    return null;
  }
}
