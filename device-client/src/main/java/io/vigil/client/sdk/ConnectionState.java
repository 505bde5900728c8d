package io.vigil.client.sdk;

/** Where a {@link VigilDevice}'s connection stands. */
public enum ConnectionState {
    /** Created, {@link VigilDevice#start()} not called yet. */
    NEW,
    /** Opening the WebSocket or waiting for the server's {@code welcome}. */
    CONNECTING,
    /** Welcomed: readings flow and acks come back. */
    CONNECTED,
    /** The connection was lost or refused; a reconnect is scheduled (backoff with jitter). */
    WAITING_TO_RECONNECT,
    /** Stopped for good: closed by the embedding code, or the server refused the device (see the listener). */
    STOPPED
}
