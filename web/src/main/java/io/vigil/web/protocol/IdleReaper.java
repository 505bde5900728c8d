package io.vigil.web.protocol;

import io.vigil.config.Settings;
import io.vigil.shared.KeepRunning;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds connections whose peer has gone silent (a half-open TCP connection,
 * a crashed device behind a NAT, a client stuck in a frame it will never
 * finish) and closes them, so they do not hold a socket and a session for
 * ever. Every connection that has sent nothing (no message, no pong) for
 * {@code vigil.ws.pingIntervalSeconds} (30) is pinged; one that has sent
 * nothing for {@code vigil.ws.idleTimeoutSeconds} (90) is closed with 1008
 * "no answer to pings". Browsers and well-behaved clients answer pings by
 * themselves, so a live peer is never closed for being quiet.
 */
@ApplicationScoped
public class IdleReaper {

    private static final Logger LOG = Logger.getLogger(IdleReaper.class.getName());
    private static final byte[] PING = {'v'};

    private final Map<Session, AtomicLong> lastHeard = new ConcurrentHashMap<>();
    private final java.util.Set<Session> held = ConcurrentHashMap.newKeySet();
    private final long pingAfterMillis = Settings.wsPingIntervalSeconds() * 1000L;
    private final long closeAfterMillis = Settings.wsIdleTimeoutSeconds() * 1000L;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeper;

    @PostConstruct
    void start() {
        long every = Math.max(1, Math.min(pingAfterMillis, closeAfterMillis) / 3);
        sweeper = scheduler.scheduleWithFixedDelay(
                KeepRunning.guard("The idle-connection sweep", this::sweep), every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.cancel(false);
    }

    /** Starts watching a newly opened connection. */
    public void watch(Session session) {
        lastHeard.put(session, new AtomicLong(System.currentTimeMillis()));
    }

    /** The peer sent something (a message, a part of one, a pong). */
    public void heard(Session session) {
        AtomicLong last = lastHeard.get(session);
        if (last != null) {
            last.set(System.currentTimeMillis());
        }
    }

    public void forget(Session session) {
        lastHeard.remove(session);
        held.remove(session);
    }

    /** The server stopped reading this peer (back-pressure): its silence is ours, not a sign it is gone. */
    public void hold(Session session) {
        held.add(session);
    }

    /** Reading again: the silence counts from now. */
    public void release(Session session) {
        held.remove(session);
        heard(session);
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        lastHeard.forEach((session, last) -> {
            long quiet = now - last.get();
            if (!session.isOpen()) {
                forget(session);
            } else if (held.contains(session)) {
                last.set(now);
            } else if (quiet >= closeAfterMillis) {
                forget(session);
                LOG.fine(() -> "Closing connection " + session.getId() + ": silent for " + quiet + " ms");
                Closing.close(session, CloseCodes.VIOLATED_POLICY,
                        "no answer to pings for " + closeAfterMillis / 1000 + " s");
            } else if (quiet >= pingAfterMillis) {
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "Pinging " + session.getId() + " failed", e);
                }
            }
        });
    }
}
