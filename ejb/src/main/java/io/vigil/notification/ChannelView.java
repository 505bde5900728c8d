package io.vigil.notification;

import java.net.URI;

/** A channel as the REST API and the page show it: the secret only as whether one is set. */
public record ChannelView(long id, String name, String type, String url, String address, String minSeverity,
                          boolean secretSet, long createdAt) {

    /**
     * The channel as a viewer (and the audit log) sees it: a webhook URL only up to its host, since
     * many receivers (chat webhooks) carry their credential in the path or query.
     */
    public ChannelView redacted() {
        return new ChannelView(id, name, type, url == null ? null : origin(url) + "/...", address, minSeverity,
                secretSet, createdAt);
    }

    static String origin(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getRawAuthority().replaceAll("^.*@", "");
        } catch (Exception e) {
            return "(unreadable URL)";
        }
    }
}
