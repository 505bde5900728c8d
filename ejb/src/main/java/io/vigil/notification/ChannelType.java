package io.vigil.notification;

/** How a channel reaches people: an HTTP POST of JSON, or a mail through the server's mail session. */
public enum ChannelType {
    WEBHOOK,
    EMAIL
}
