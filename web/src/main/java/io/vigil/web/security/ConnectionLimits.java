package io.vigil.web.security;

import io.undertow.websockets.jsr.UndertowSession;
import io.vigil.config.Settings;
import io.vigil.web.rest.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open WebSocket connections (devices and monitors together) per
 * source address, so that one host opening thousands of sockets cannot take
 * the server's file descriptors and memory from everyone else. Past
 * {@code vigil.ws.maxConnectionsPerAddress} (default 1,000; 0 turns it off)
 * an upgrade is answered 429 before it happens. The count is taken when a
 * connection opens and given back when it closes, so a burst of handshakes
 * may overshoot by the few that are in flight. Behind a balancer every
 * connection comes from the balancer's address: raise the limit or turn it off there.
 */
@ApplicationScoped
public class ConnectionLimits {

    private static final String ADDRESS = ConnectionLimits.class.getName() + ".address";

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final int maxPerAddress = Settings.maxConnectionsPerAddress();

    /** Writes a 429 and returns true when the request's address already holds its maximum of connections. */
    public boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (maxPerAddress <= 0) {
            return false;
        }
        AtomicInteger count = open.get(normalise(request.getRemoteAddr()));
        if (count == null || count.get() < maxPerAddress) {
            return false;
        }
        response.setHeader("Retry-After", "30");
        ApiError.write(response, 429, "too_many_connections",
                "this address already holds " + maxPerAddress + " WebSocket connections");
        return true;
    }

    /** Counts an opened connection against its source address. */
    public void opened(Session session) {
        String address = address(session);
        if (address != null) {
            session.getUserProperties().put(ADDRESS, address);
            open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Gives a closed connection's count back. */
    public void closed(Session session) {
        Object address = session.getUserProperties().remove(ADDRESS);
        if (address != null) {
            open.computeIfPresent((String) address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    private static String address(Session session) {
        if (session instanceof UndertowSession undertow) {
            SocketAddress peer = undertow.getWebSocketChannel().getSourceAddress();
            if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return inet.getAddress().getHostAddress();
            }
        }
        return null;
    }

    /** The same textual form for an address however the request spelled it (IPv6 has several). */
    private static String normalise(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress(); // a literal: no name look-up
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
