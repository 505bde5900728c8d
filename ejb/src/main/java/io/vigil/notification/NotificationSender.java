package io.vigil.notification;

import io.vigil.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends a delivery the way its channel takes it; the one place that knows the channel types. */
@ApplicationScoped
public class NotificationSender {

    @Inject
    WebhookSender webhooks;

    @Inject
    EmailSender mail;

    public void send(Channel channel, Delivery delivery) throws DeliveryFailure {
        NotificationMessage message = NotificationMessage.of(delivery, channel.getName(), Settings.publicUrl(),
                System.currentTimeMillis());
        switch (channel.getType()) {
            case WEBHOOK -> webhooks.send(channel, message);
            case EMAIL -> mail.send(channel, message);
        }
    }
}
