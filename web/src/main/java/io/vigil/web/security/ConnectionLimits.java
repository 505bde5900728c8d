package io.vigil.web.security;

import io.undertow.websockets.jsr.UndertowSession;
import io.vigil.config.Settings;
import io.vigil.web.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open WebSocket connections, so that one host opening thousands of
 * sockets cannot take the server's file descriptors and memory from everyone
 * else: per source address, devices and monitors together
 * ({@code vigil.ws.maxConnectionsPerAddress}, default 1,000, 0 turns it off;
 * past it 429), and monitors in all ({@code vigil.monitor.maxSessions},
 * default 200; past it 503). A slot is taken when the upgrade is let through
 * (given back at once if the upgrade fails) and given back when the
 * connection closes, so the count is exact however fast handshakes come.
 * Behind a balancer every connection comes from the balancer's address:
 * raise the per-address cap or turn it off there.
 */
@ApplicationScoped
public class ConnectionLimits {

    private static final String ADDRESS = ConnectionLimits.class.getName() + ".address";
    private static final String MONITOR = ConnectionLimits.class.getName() + ".monitor";

    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger monitors = new AtomicInteger();
    private final int maxPerAddress = Settings.maxConnectionsPerAddress();
    private final int maxMonitors = Settings.monitorMaxSessions();

    /** Lets the upgrade through when there is room, holding its slots for the connection; else answers 429 or 503. */
    public void upgrade(HttpServletRequest request, HttpServletResponse response, FilterChain chain, boolean monitor)
            throws IOException, ServletException {
        String address = normalise(request.getRemoteAddr());
        if (!take(perAddress.computeIfAbsent(address, a -> new AtomicInteger()), maxPerAddress)) {
            refuse(response, 429, "too_many_connections",
                    "this address already holds " + maxPerAddress + " WebSocket connections");
            return;
        }
        if (monitor && !take(monitors, maxMonitors)) {
            release(address, false);
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "too_many_monitors",
                    "the server already serves " + maxMonitors + " monitors; try again later");
            return;
        }
        boolean upgraded = false;
        try {
            chain.doFilter(request, response);
            upgraded = response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
        } finally {
            if (!upgraded) {
                release(address, monitor);
            }
        }
    }

    /** The connection is open: remember which slots it holds (by its peer's address), to give them back on close. */
    public void opened(Session session, boolean monitor) {
        if (!(session instanceof UndertowSession undertow)) {
            return;
        }
        InetSocketAddress peer = undertow.getWebSocketChannel().getSourceAddress();
        if (peer != null && peer.getAddress() != null) {
            session.getUserProperties().put(ADDRESS, peer.getAddress().getHostAddress());
            session.getUserProperties().put(MONITOR, monitor);
        }
    }

    public void closed(Session session) {
        Object address = session.getUserProperties().remove(ADDRESS);
        Object monitor = session.getUserProperties().remove(MONITOR);
        if (address != null) {
            release((String) address, Boolean.TRUE.equals(monitor));
        }
    }

    private static boolean take(AtomicInteger count, int max) {
        if (max <= 0) {
            count.incrementAndGet();
            return true;
        }
        while (true) {
            int now = count.get();
            if (now >= max) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void release(String address, boolean monitor) {
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        if (monitor) {
            monitors.decrementAndGet();
        }
    }

    private static void refuse(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setHeader("Retry-After", "30");
        ApiError.write(response, status, error, message);
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
