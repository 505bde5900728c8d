package io.vigil.notification;

import io.vigil.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Mails a message through the server's mail session {@code java:jboss/mail/Vigil}
 * (configure.cli: SMTP host, port, credentials and sender as expressions). The
 * mail carries {@code X-Vigil-Delivery}. A refused recipient is permanent;
 * anything else (the SMTP server away, a sign-in refused) is tried again.
 */
@ApplicationScoped
public class EmailSender {

    @Resource(lookup = "java:jboss/mail/Vigil")
    Session mail;

    /**
     * Jakarta Mail waits for ever by default for an SMTP server that accepts the connection and then says
     * nothing, which would hold a delivery thread and its channel for good. The mail subsystem has no
     * attribute for it, so the session's own properties get the timeouts once (they are read at each connect).
     */
    @PostConstruct
    void boundWaits() {
        String millis = String.valueOf(Settings.notificationsTimeoutSeconds() * 1000L);
        for (String wait : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
            mail.getProperties().putIfAbsent("mail.smtp." + wait, millis);
        }
    }

    public void send(Channel channel, NotificationMessage message) throws DeliveryFailure {
        try {
            MimeMessage mime = new MimeMessage(mail);
            String from = mail.getProperty("mail.from");
            mime.setFrom(new InternetAddress(from == null || from.isBlank() ? "vigil@localhost" : from));
            mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(channel.getTarget(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.text(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date(message.sentAt()));
            mime.setHeader("X-Vigil-Delivery", message.deliveryId());
            mime.setHeader("X-Vigil-Event", message.event().wire());
            Transport.send(mime);
        } catch (SendFailedException e) {
            boolean refusedRecipient = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            throw new DeliveryFailure("the mail server refused it: " + e.getMessage(), refusedRecipient);
        } catch (AuthenticationFailedException e) {
            throw new DeliveryFailure("the mail server refused Vigil's sign-in: " + e.getMessage(), false);
        } catch (MessagingException e) {
            throw new DeliveryFailure("could not hand the mail over: " + e, false);
        }
    }
}
