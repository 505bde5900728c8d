package io.vigil.client.sdk;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A device's link to Vigil: readings go into a durable {@link Outbox} on disk
 * and from there to the server, and leave the outbox only when the server's
 * cumulative {@code ack} says they are committed. The device reconnects by
 * itself (exponential backoff with full jitter) after any close or failure,
 * re-sends what was not acknowledged in order, watches the connection with
 * pings, and answers operator commands.
 *
 * <pre>{@code
 * try (VigilDevice device = VigilDevice.builder()
 *         .server(URI.create("ws://vigil.example:8080"))
 *         .deviceId("pump-7").token(token)
 *         .outboxDirectory(Path.of("/var/lib/pump/outbox"))
 *         .command("set_interval", args -> { interval = args.getInt("seconds"); return null; })
 *         .build()) {
 *     device.start();
 *     while (running) {
 *         device.send(Map.of("temperature", sensor.read()));
 *         Thread.sleep(interval * 1000L);
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #send} never waits for the network: it returns once
 * the reading is in the outbox file.
 */
public final class VigilDevice implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VigilDevice.class.getName());
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** A connection that stayed up this long was healthy: the next reconnect starts from the smallest delay again. */
    private static final long STABLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Builder config;
    private final URI uri;
    private final DeviceRuntime runtime;
    private final boolean ownsRuntime;
    private final Outbox outbox;
    private final Backoff backoff;
    private final Commands commands;
    private final DeviceListener listener;
    private final SerialLane events;

    private final Object lock = new Object();
    private ConnectionState state = ConnectionState.NEW;
    /** The current connection attempt; callbacks of older ones are ignored. */
    private long attempt;
    private Session session;
    private boolean welcomed;
    private long welcomedAt;
    /** Highest seq transmitted on the current connection, and on any connection. */
    private long sentUpTo;
    private long sentEver;
    private int inFlight;
    private volatile long lastHeard;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> reconnect;
    private long offlineUntil;

    private long produced;
    private long sent;
    private long resent;
    private long acked;
    private long rejected;
    private long connects;
    private long disconnects;
    private long failedAttempts;
    private long commandsAnswered;
    private final long recovered;

    private VigilDevice(Builder config) throws IOException {
        this.config = config;
        String base = config.server.toString();
        this.uri = URI.create((base.endsWith("/") ? base : base + "/") + "ws/devices/" + config.deviceId);
        this.ownsRuntime = config.runtime == null;
        this.runtime = ownsRuntime ? DeviceRuntime.create(config.connectTimeout, config.sslContext) : config.runtime;
        this.outbox = Outbox.open(config.outboxDirectory, config.outboxCapacity, config.whenFull, config.syncWrites);
        this.backoff = new Backoff(config.backoffInitial, config.backoffMax, bound -> ThreadLocalRandom.current().nextLong(bound));
        this.commands = new Commands(config.handlers, new SerialLane(runtime.blocking));
        this.listener = config.listener;
        this.events = new SerialLane(runtime.blocking);
        this.sentEver = outbox.released();
        this.recovered = outbox.size();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Connects in the background and keeps connected until {@link #close()}. */
    public void start() {
        synchronized (lock) {
            if (state != ConnectionState.NEW) {
                throw new IllegalStateException("already started");
            }
            connect();
        }
    }

    /** Records a reading measured now; see {@link #send(long, Map)}. */
    public long send(Map<String, ? extends Number> metrics) {
        return send(System.currentTimeMillis(), metrics);
    }

    /**
     * Records a reading: it gets the next seq and is written to the outbox
     * file (forced to the disk when {@link Builder#syncWrites} is on) before
     * this returns; it is sent as soon as the connection allows.
     *
     * @return the reading's seq
     * @throws IllegalArgumentException for metrics the contract does not allow (1-64, names of [A-Za-z0-9_.-], finite values)
     * @throws OutboxFullException      when the outbox is full and its policy is {@link OutboxFullPolicy#REJECT_NEW}
     * @throws UncheckedIOException     when the outbox file cannot be written
     */
    public long send(long ts, Map<String, ? extends Number> metrics) {
        Map<String, Double> checked = WireFormat.checkedMetrics(metrics);
        synchronized (lock) {
            if (state == ConnectionState.STOPPED) {
                throw new IllegalStateException("device " + config.deviceId + " is stopped");
            }
            long droppedBefore = outbox.dropped();
            Reading reading;
            try {
                reading = outbox.append(ts, checked);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the outbox in " + config.outboxDirectory + " failed", e);
            }
            if (outbox.dropped() > droppedBefore && welcomed && outbox.lastDropped() <= sentUpTo) {
                inFlight = Math.max(0, inFlight - 1); // the discarded reading was on its way; no ack will count it
            }
            produced++;
            pump();
            return reading.seq();
        }
    }

    /** Waits until the outbox is empty (every reading acknowledged); false when the time ran out first. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (outbox.size() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || state == ConnectionState.STOPPED) {
                    return outbox.size() == 0;
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    /**
     * Closes the connection and stays offline for {@code duration}; readings
     * keep going to the outbox and are sent after it. For devices that save
     * power by connecting now and then, and for simulating outages.
     */
    public void goOffline(Duration duration) {
        synchronized (lock) {
            if (state == ConnectionState.STOPPED || state == ConnectionState.NEW) {
                return;
            }
            offlineUntil = System.nanoTime() + duration.toNanos();
            Session current = session;
            drop();
            closeQuietly(current, CloseReason.CloseCodes.NORMAL_CLOSURE, "device going offline");
            scheduleReconnect(duration);
        }
    }

    public String deviceId() {
        return config.deviceId;
    }

    public ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The seq the next reading will get minus one: the last seq this device has produced, across restarts. */
    public long lastSeq() {
        synchronized (lock) {
            return outbox.highestSeq();
        }
    }

    public DeviceMetrics metrics() {
        synchronized (lock) {
            return new DeviceMetrics(produced, sent, resent, acked, rejected, outbox.dropped(), outbox.size(),
                    connects, disconnects, failedAttempts, commandsAnswered, recovered);
        }
    }

    /**
     * Stops: closes the connection (1000) and the outbox. What was not
     * acknowledged stays on disk for the next {@code VigilDevice} on the same
     * directory.
     */
    @Override
    public void close() {
        Session current;
        synchronized (lock) {
            if (state == ConnectionState.STOPPED) {
                return;
            }
            current = session;
            drop();
            setState(ConnectionState.STOPPED);
            cancel(reconnect);
            outbox.close();
            lock.notifyAll();
        }
        if (current != null && current.isOpen()) {
            try {
                current.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "device stopping"));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing " + config.deviceId + " failed", e);
            }
        }
        if (ownsRuntime) {
            runtime.close();
        }
    }

    // --- connection life cycle (all under lock) ---

    private void connect() {
        long thisAttempt = ++attempt;
        setState(ConnectionState.CONNECTING);
        runtime.blocking.execute(() -> {
            try {
                runtime.client.connectToServer(new Link(this, thisAttempt), Link.config(config.token), uri);
            } catch (Exception e) {
                failed(thisAttempt, e);
            }
        });
    }

    private void failed(long failedAttempt, Exception error) {
        int status = HandshakeStatus.of(error);
        synchronized (lock) {
            if (failedAttempt != attempt || state == ConnectionState.STOPPED) {
                return;
            }
            failedAttempts++;
            if (status == 401 || status == 403) {
                refuse(new DeviceRefusedException("the server refused device " + config.deviceId + " (HTTP " + status
                        + (status == 401 ? ": unknown or revoked token)" : ": the token belongs to another device)"),
                        status, 0));
                return;
            }
            LOG.log(Level.FINE, () -> "Connecting " + config.deviceId + " failed: " + error);
            Session current = session;
            drop();
            closeQuietly(current, CloseReason.CloseCodes.CLOSED_ABNORMALLY, "connect failed");
            scheduleReconnect(backoff.next());
        }
    }

    void opened(Link link, Session opened) {
        synchronized (lock) {
            if (link.attempt != attempt || state != ConnectionState.CONNECTING) {
                closeQuietly(opened, CloseReason.CloseCodes.NORMAL_CLOSURE, "stale connection");
                return;
            }
            session = opened;
            lastHeard = System.nanoTime();
        }
    }

    void heard(Link link) {
        if (link.attempt == attempt) {
            lastHeard = System.nanoTime();
        }
    }

    void received(Link link, String text) {
        heard(link);
        JsonObject message;
        try {
            message = WireFormat.parse(text);
        } catch (RuntimeException e) {
            LOG.warning(() -> "The server sent " + config.deviceId + " a frame that is not a JSON object; ignored");
            return;
        }
        String type = message.get("type") instanceof JsonString s ? s.getString() : "";
        synchronized (lock) {
            if (link.attempt != attempt || session == null) {
                return;
            }
            try {
                switch (type) {
                    case "welcome" -> welcome(WireFormat.longField(message, "lastSeq"));
                    case "ack" -> ack(WireFormat.longField(message, "seq"));
                    case "rejected" -> {
                        rejected++;
                        long seq = WireFormat.longField(message, "seq");
                        String code = message.getString("code", "");
                        String reason = message.getString("message", "");
                        events.execute(() -> listener.rejected(seq, code, reason));
                    }
                    case "command" -> commands.dispatch(message, this::reply);
                    default -> { } // forward compatibility: unknown messages are ignored
                }
            } catch (IOException e) {
                throw new UncheckedIOException("updating the outbox in " + config.outboxDirectory + " failed", e);
            }
        }
    }

    private void welcome(long lastSeq) throws IOException {
        if (welcomed) {
            ack(lastSeq);
            return;
        }
        acked += outbox.serverLastSeq(lastSeq);
        sentUpTo = Math.max(lastSeq, outbox.released());
        inFlight = 0;
        welcomed = true;
        welcomedAt = System.nanoTime();
        connects++;
        setState(ConnectionState.CONNECTED);
        heartbeat = runtime.timers.scheduleWithFixedDelay(this::checkHeartbeat,
                config.heartbeatInterval.toMillis(), config.heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        pump();
        lock.notifyAll();
    }

    private void ack(long seq) throws IOException {
        int released = outbox.release(seq);
        acked += released;
        inFlight = Math.max(0, inFlight - released);
        pump();
        if (outbox.size() == 0) {
            lock.notifyAll();
        }
    }

    /** Sends what the window allows: unsent readings in seq order, as batches when more than one waits. */
    private void pump() {
        Session current = session;
        while (welcomed && current == session && inFlight < config.window) {
            List<Reading> next = outbox.after(sentUpTo, Math.min(WireFormat.MAX_BATCH, config.window - inFlight));
            if (next.isEmpty()) {
                return;
            }
            String text = next.size() == 1 ? WireFormat.telemetry(next.get(0)) : WireFormat.batch(next);
            long thisAttempt = attempt;
            try {
                current.getAsyncRemote().sendText(text, result -> {
                    if (!result.isOK()) {
                        lostAsync(thisAttempt, "send failed: " + result.getException());
                    }
                });
            } catch (RuntimeException e) {
                lostAsync(thisAttempt, "send failed: " + e);
                return;
            }
            for (Reading reading : next) {
                if (reading.seq() <= sentEver) {
                    resent++;
                }
            }
            long last = next.get(next.size() - 1).seq();
            sentUpTo = last;
            sentEver = Math.max(sentEver, last);
            inFlight += next.size();
            sent += next.size();
        }
    }

    private void reply(String commandResult) {
        synchronized (lock) {
            commandsAnswered++;
            if (welcomed && session != null) {
                try {
                    session.getAsyncRemote().sendText(commandResult);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "A command result of " + config.deviceId + " was not sent", e);
                }
            }
        }
    }

    private void checkHeartbeat() {
        Session current;
        long thisAttempt;
        synchronized (lock) {
            if (!welcomed || session == null) {
                return;
            }
            long silent = System.nanoTime() - lastHeard;
            long allowed = config.heartbeatInterval.toNanos() + config.heartbeatTimeout.toNanos();
            if (silent > allowed) {
                lost(attempt, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(),
                        "no answer from the server for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
                return;
            }
            current = session;
            thisAttempt = attempt;
        }
        runtime.blocking.execute(() -> {
            try {
                current.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {'v'}));
            } catch (IOException | RuntimeException e) {
                lostAsync(thisAttempt, "ping failed: " + e);
            }
        });
    }

    void lost(Link link, int code, String reason) {
        lost(link.attempt, code, reason);
    }

    private void lostAsync(long lostAttempt, String reason) {
        runtime.blocking.execute(() -> lost(lostAttempt, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), reason));
    }

    private void lost(long lostAttempt, int code, String reason) {
        synchronized (lock) {
            if (lostAttempt != attempt || state == ConnectionState.STOPPED
                    || state == ConnectionState.WAITING_TO_RECONNECT) {
                return;
            }
            boolean wasWelcomed = welcomed;
            if (wasWelcomed) {
                disconnects++;
                if (System.nanoTime() - welcomedAt >= STABLE_AFTER_NANOS) {
                    backoff.reset();
                }
            } else {
                failedAttempts++;
            }
            Session current = session;
            drop();
            closeQuietly(current, CloseReason.CloseCodes.CLOSED_ABNORMALLY, "connection lost");
            String why = reason == null ? "" : reason;
            // "replaced by a newer connection" is not a reason to stop: when a slow server handles two of this
            // device's handshakes out of order (an abandoned attempt after the current one), the current one is
            // the one replaced. Reconnecting makes it the newest again.
            if (code == CloseReason.CloseCodes.VIOLATED_POLICY.getCode() && why.contains("revoked")) {
                refuse(new DeviceRefusedException("the server closed device " + config.deviceId + " for good: "
                        + code + " " + why, 0, code));
                return;
            }
            events.execute(() -> listener.disconnected(code, why, true));
            long offline = offlineUntil - System.nanoTime();
            scheduleReconnect(offline > 0 ? Duration.ofNanos(offline) : backoff.next());
        }
    }

    private void refuse(DeviceRefusedException reason) {
        LOG.warning(reason.getMessage());
        cancel(reconnect);
        setState(ConnectionState.STOPPED);
        lock.notifyAll();
        events.execute(() -> {
            listener.disconnected(reason.closeCode(), reason.getMessage(), false);
            listener.refused(reason);
        });
    }

    private void scheduleReconnect(Duration delay) {
        cancel(reconnect);
        setState(ConnectionState.WAITING_TO_RECONNECT);
        reconnect = runtime.timers.schedule(() -> {
            synchronized (lock) {
                if (state == ConnectionState.WAITING_TO_RECONNECT) {
                    connect();
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Forgets the current connection (under lock); the caller closes it. */
    private void drop() {
        session = null;
        welcomed = false;
        inFlight = 0;
        cancel(heartbeat);
        heartbeat = null;
    }

    private void closeQuietly(Session closing, CloseReason.CloseCode code, String reason) {
        if (closing == null || !closing.isOpen()) {
            return;
        }
        runtime.blocking.execute(() -> {
            try {
                closing.close(new CloseReason(code == CloseReason.CloseCodes.CLOSED_ABNORMALLY
                        ? CloseReason.CloseCodes.GOING_AWAY : code, reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing a connection of " + config.deviceId + " failed", e);
            }
        });
    }

    private void setState(ConnectionState next) {
        ConnectionState previous = state;
        if (previous != next) {
            state = next;
            events.execute(() -> listener.stateChanged(previous, next));
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** How a {@link VigilDevice} is set up; {@code server}, {@code deviceId}, {@code token} and {@code outboxDirectory} are required. */
    public static final class Builder {

        private URI server;
        private String deviceId;
        private String token;
        private Path outboxDirectory;
        private int outboxCapacity = 100_000;
        private OutboxFullPolicy whenFull = OutboxFullPolicy.REJECT_NEW;
        private boolean syncWrites = true;
        private int window = 1_000;
        private Duration backoffInitial = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(60);
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(15);
        private DeviceRuntime runtime;
        private javax.net.ssl.SSLContext sslContext;
        private DeviceListener listener = new DeviceListener() { };
        private final Map<String, CommandHandler> handlers = new HashMap<>();

        private Builder() {
        }

        /** The server's base URI, e.g. {@code ws://vigil.example:8080} or {@code wss://vigil.example:8443}. */
        public Builder server(URI server) {
            this.server = server;
            return this;
        }

        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /** The token the server returned when the device was registered. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Where the outbox lives; one directory per device id, on storage that survives a restart. */
        public Builder outboxDirectory(Path outboxDirectory) {
            this.outboxDirectory = outboxDirectory;
            return this;
        }

        /** Most unacknowledged readings kept (default 100,000), and what happens to a new one past it (default: refuse it). */
        public Builder outboxCapacity(int capacity, OutboxFullPolicy whenFull) {
            if (capacity < 1) {
                throw new IllegalArgumentException("outbox capacity must be at least 1");
            }
            this.outboxCapacity = capacity;
            this.whenFull = Objects.requireNonNull(whenFull);
            return this;
        }

        /**
         * Whether every reading is forced to the disk before {@code send}
         * returns (default true: it survives a power cut). Off, a reading
         * survives a crash of the process but not of the machine; for
         * simulators and hardware with its own power-loss protection.
         */
        public Builder syncWrites(boolean syncWrites) {
            this.syncWrites = syncWrites;
            return this;
        }

        /** Most readings sent and not yet acknowledged (default 1,000; the server allows 2,000). */
        public Builder window(int window) {
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1");
            }
            this.window = window;
            return this;
        }

        /** Reconnect delays: random up to {@code initial * 2^attempt}, at most {@code max} (defaults 1 s and 60 s). */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /**
         * Pings every {@code interval}; a connection from which nothing (pong,
         * ack, anything) arrived for {@code interval + timeout} is taken for
         * dead and replaced (defaults 15 s and 10 s).
         */
        public Builder heartbeat(Duration interval, Duration timeout) {
            this.heartbeatInterval = interval;
            this.heartbeatTimeout = timeout;
            return this;
        }

        /** How long a connection attempt may wait for the handshake (default 15 s); ignored with a shared runtime. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * For {@code wss://} servers whose certificate the JVM's default trust
         * store does not know (a private authority): the context whose trust
         * to use. Ignored with a shared runtime (give it to
         * {@link DeviceRuntime#create(Duration, javax.net.ssl.SSLContext)}).
         */
        public Builder sslContext(javax.net.ssl.SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Threads and Tyrus client shared with other devices in this process; the device does not close it. */
        public Builder runtime(DeviceRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        public Builder listener(DeviceListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Handles the operator command {@code name}; commands without a handler are answered with an error. */
        public Builder command(String name, CommandHandler handler) {
            handlers.put(Objects.requireNonNull(name), Objects.requireNonNull(handler));
            return this;
        }

        /** Opens the outbox (creating its directory) and returns the device, not yet connected. */
        public VigilDevice build() throws IOException {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(outboxDirectory, "outboxDirectory");
            if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
                throw new IllegalArgumentException("deviceId must be 1-64 of [A-Za-z0-9_.-], got '" + deviceId + "'");
            }
            return new VigilDevice(this);
        }
    }
}
