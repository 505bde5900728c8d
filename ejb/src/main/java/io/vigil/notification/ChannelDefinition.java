package io.vigil.notification;

import io.vigil.alert.Severity;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel as an operator writes it, before it has an id: {@code target} is
 * the webhook's URL or the mail address. {@code secret} null keeps the secret
 * already set, empty removes it. {@link #problems} lists everything wrong.
 */
public record ChannelDefinition(String name, ChannelType type, String target, String secret, Severity minSeverity) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_TARGET_LENGTH = 2000;
    public static final int MAX_SECRET_LENGTH = 200;

    public List<String> problems(TargetPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            problems.add("name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
        if (minSeverity == null) {
            problems.add("minSeverity must be one of INFO, WARNING, CRITICAL");
        }
        if (type == null) {
            problems.add("type must be webhook or email");
            return problems;
        }
        if (target == null || target.isBlank()) {
            problems.add(type == ChannelType.WEBHOOK ? "url is required for a webhook" : "address is required for email");
        } else if (target.length() > MAX_TARGET_LENGTH) {
            problems.add((type == ChannelType.WEBHOOK ? "url" : "address") + " must be at most " + MAX_TARGET_LENGTH
                    + " characters");
        } else if (type == ChannelType.WEBHOOK) {
            String refusal = policy.refusal(target, false);
            if (refusal != null) {
                problems.add(refusal);
            }
        } else {
            String refusal = addressRefusal(target);
            if (refusal != null) {
                problems.add(refusal);
            }
        }
        if (secret != null && secret.length() > MAX_SECRET_LENGTH) {
            problems.add("secret must be at most " + MAX_SECRET_LENGTH + " characters");
        }
        if (secret != null && !secret.isEmpty() && type == ChannelType.EMAIL) {
            problems.add("secret signs webhook bodies; an email channel has none");
        }
        return problems;
    }

    /** Why this is not one mail address (RFC 822 syntax, with a domain), or null. */
    static String addressRefusal(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getAddress().indexOf('@') < 1 || parsed.isGroup()) {
                return "address must be one mail address like ops@example.com, got " + abbreviate(address);
            }
            return null;
        } catch (AddressException e) {
            return "address is not a mail address (" + e.getMessage() + "): " + abbreviate(address);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
