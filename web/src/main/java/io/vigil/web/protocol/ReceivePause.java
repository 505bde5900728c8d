package io.vigil.web.protocol;

import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.Session;
import java.util.logging.Logger;

/**
 * Stops and restarts reading frames from one WebSocket peer, so that a device
 * sending faster than the database stores is held back by TCP itself: its
 * unread bytes stay in the socket buffers, no server thread waits, and no
 * memory grows. Jakarta WebSocket has no API for this, so it reaches for
 * Undertow's channel (WildFly's WebSocket implementation); on any other
 * container it does nothing and the per-device bound still closes a flooding
 * device. Undertow's calls are thread-safe and take effect at once (the
 * channel's read loop checks the flag); handing them to the I/O thread
 * instead let it read on through everything already buffered first.
 */
public final class ReceivePause implements ReceiveControl {

    private static final Logger LOG = Logger.getLogger(ReceivePause.class.getName());

    private final WebSocketChannel channel;

    public ReceivePause(Session session) {
        WebSocketChannel found = null;
        if (session instanceof UndertowSession undertow) {
            found = undertow.getWebSocketChannel();
        } else {
            LOG.warning(() -> "Not an Undertow session (" + session.getClass().getName()
                    + "); devices cannot be paused, only closed when they flood");
        }
        channel = found;
    }

    /** Whether pausing works here. */
    public boolean supported() {
        return channel != null;
    }

    @Override
    public void pause() {
        if (channel != null) {
            channel.suspendReceives();
        }
    }

    @Override
    public void resume() {
        if (channel != null) {
            channel.resumeReceives();
        }
    }
}
