package io.vigil.notification;

import io.vigil.shared.JsonObjects;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a delivery says, in each channel's form: the webhook's JSON body and
 * the mail's subject and text. The body carries {@code event},
 * {@code deliveryId}, {@code alert} (the first alert, the same object a
 * monitor's {@code alert} event carries), {@code alerts} (all of them, for a
 * burst sent as one), {@code count} and {@code link} (the alert on the page).
 */
public record NotificationMessage(String deliveryId, NotificationEvent event, String channelName, List<JsonObject> alerts,
                                  String pageUrl, long sentAt) {

    /** The message of a delivery to a channel, with links into the page at {@code pageUrl}. */
    public static NotificationMessage of(Delivery delivery, String channelName, String pageUrl, long now) {
        return new NotificationMessage(delivery.id(), delivery.event(), channelName,
                delivery.alertJson().stream().map(JsonObjects::parse).toList(), pageUrl, now);
    }

    /** The body of a webhook call. */
    public String json() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        alerts.forEach(all::add);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("event", event.wire())
                .add("deliveryId", deliveryId)
                .add("channel", channelName)
                .add("sentAt", sentAt)
                .add("alert", alerts.isEmpty() ? JsonValue.NULL : alerts.get(0))
                .add("alerts", all)
                .add("count", alerts.size())
                .add("link", link());
        if (event == NotificationEvent.TEST) {
            body.add("message", "Test notification from Vigil: the channel " + channelName + " works");
        }
        return body.build().toString();
    }

    /** The alert on the page (the alerts view when there are several or none). */
    public String link() {
        return alerts.size() == 1 ? pageUrl + "/#/alerts/" + alerts.get(0).getJsonNumber("id").longValue()
                : pageUrl + "/#/alerts";
    }

    public String subject() {
        String word = event.name().charAt(0) + event.name().substring(1).toLowerCase(Locale.ROOT);
        if (event == NotificationEvent.TEST) {
            return "[Vigil] Test notification for " + channelName;
        }
        if (alerts.size() == 1) {
            JsonObject a = alerts.get(0);
            return "[Vigil] " + word + ": " + a.getString("severity") + " " + a.getString("deviceId") + ": "
                    + a.getString("message");
        }
        return "[Vigil] " + word + ": " + alerts.size() + " alerts, " + String.join(", ",
                alerts.stream().limit(5).map(a -> a.getString("deviceId")).toList())
                + (alerts.size() > 5 ? ", ..." : "");
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        if (event == NotificationEvent.TEST) {
            text.append("This is a test notification from Vigil. The channel ").append(channelName)
                    .append(" reaches you.\n");
        } else {
            text.append(alerts.size() == 1 ? "An alert was " : alerts.size() + " alerts were ")
                    .append(event.wire()).append(":\n\n");
            for (JsonObject a : alerts) {
                text.append("- ").append(a.getString("severity")).append(' ').append(a.getString("deviceId"))
                        .append(": ").append(a.getString("message")).append(" (").append(a.getString("state"))
                        .append(", raised ").append(Instant.ofEpochMilli(a.getJsonNumber("raisedAt").longValue()))
                        .append(", alert ").append(a.getJsonNumber("id").longValue()).append(")\n");
            }
        }
        return text.append("\n").append(link()).append("\n\nDelivery ").append(deliveryId)
                .append(" (the same on every retry of this message)\n").toString();
    }
}
