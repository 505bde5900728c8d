package io.vigil.notification;

import io.vigil.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a message to a webhook: JSON, with {@code X-Vigil-Delivery} (the
 * deliveryId), {@code X-Vigil-Event}, and, when the channel has a secret,
 * {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the body>}. Redirects
 * are not followed. 2xx is delivered; 408, 429 and 5xx (and no answer) are
 * tried again; any other answer is a permanent refusal.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public void send(Channel channel, NotificationMessage message) throws DeliveryFailure {
        String refusal = TargetPolicy.fromSettings().refusal(channel.getTarget(), false);
        if (refusal != null) {
            throw new DeliveryFailure(refusal, true);
        }
        String body = message.json();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.getTarget()))
                .timeout(Duration.ofSeconds(Settings.notificationsTimeoutSeconds()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Vigil-Notifications")
                .header("X-Vigil-Delivery", message.deliveryId())
                .header("X-Vigil-Event", message.event().wire())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (channel.getSecret() != null) {
            request.header("X-Vigil-Signature", "sha256=" + sign(channel.getSecret(), body));
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure("no answer within " + Settings.notificationsTimeoutSeconds() + " s", false);
        } catch (IOException e) {
            throw new DeliveryFailure("could not reach the receiver: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted (server stopping)", false);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        boolean again = status == 408 || status == 429 || status >= 500;
        throw new DeliveryFailure("the receiver answered HTTP " + status, !again);
    }

    /** Hex HMAC-SHA256 of the body with the channel's secret, as a receiver checks it. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
