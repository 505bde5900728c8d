package io.vigil.client.sdk;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;

/**
 * One connection attempt of a {@link VigilDevice}: the Tyrus endpoint that
 * forwards what happens on its session to the device, tagged with the
 * attempt's number so that the device ignores a late callback of a connection
 * it has already given up.
 */
final class Link extends Endpoint {

    static final String SUBPROTOCOL = "vigil.v1";
    /** Commands are small; anything this big from the server is a fault. */
    private static final int MAX_INBOUND_BYTES = 1024 * 1024;

    private final VigilDevice device;
    final long attempt;

    Link(VigilDevice device, long attempt) {
        this.device = device;
        this.attempt = attempt;
    }

    static ClientEndpointConfig config(String token) {
        return ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(SUBPROTOCOL))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Authorization", List.of("Bearer " + token));
                    }
                })
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_INBOUND_BYTES);
        // The SDK's own heartbeat finds dead connections; Tyrus's idle timer stays off.
        session.setMaxIdleTimeout(-1);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> device.received(this, text));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> device.heard(this));
        device.opened(this, session);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        device.lost(this, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        device.lost(this, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), String.valueOf(error));
    }
}
