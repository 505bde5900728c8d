package io.vigil.notification;

/** A channel as the REST API and the page show it: the secret only as whether one is set. */
public record ChannelView(long id, String name, String type, String url, String address, String minSeverity,
                          boolean secretSet, long createdAt) {
}
