package io.vigil.bench;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The ceiling Vigil is measured against: a bare endpoint on the same WildFly
 * that sends every text frame back, asynchronously, as it came. Deployed only
 * by the benchmark ({@link EchoWar}), never with Vigil.
 */
@ServerEndpoint("/ws")
public class EchoEndpoint {

    @OnMessage
    public void echo(String text, Session session) {
        session.getAsyncRemote().sendText(text);
    }
}
