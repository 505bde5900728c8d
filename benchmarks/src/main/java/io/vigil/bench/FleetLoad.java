package io.vigil.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.logging.Logger;

/**
 * A fleet of device connections: thousands of raw WebSocket clients on one
 * selector thread, each opened from one of the loopback source addresses
 * 127.0.0.2 to 127.0.0.9 in turn (so no single address runs out of ports),
 * each sending a reading of {@code metrics} values every {@code period},
 * whatever is unacked (open loop), on ticks that are either the same for all
 * devices (synchronised, the worst case of a fleet on a shared clock) or
 * spread evenly over the period. Speaks only the wire contract: the upgrade
 * with the device's bearer token, {@code telemetry} messages, cumulative
 * {@code ack}s, the {@code welcome}'s {@code lastSeq} to go on after.
 *
 * <p>A JDK WebSocket per device costs the generator more memory and threads
 * than 15,000 devices leave on this machine; one selector and a 4 KiB read
 * buffer per device do not.
 */
final class FleetLoad implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FleetLoad.class.getName());
    private static final int SOURCE_ADDRESSES = 8;
    /** Handshakes in flight at once while the fleet connects (under the server's listen backlog). */
    private static final int OPENING_AT_ONCE = 200;
    private static final long CONNECT_WITHIN_MILLIS = 180_000;

    /**
     * How the fleet reports: how many devices, how often each, how many metrics, on which ticks, and how far
     * in the past each reading's {@code ts} lies ({@code ageMillis}, 0 for now: the soak sends readings that
     * retention deletes minutes after they are stored).
     */
    record Shape(int devices, long periodMillis, int metrics, boolean synchronised, long ageMillis) {
        Shape(int devices, long periodMillis, int metrics, boolean synchronised) {
            this(devices, periodMillis, metrics, synchronised, 0);
        }

        double offeredPerSecond() {
            return devices * 1000.0 / periodMillis;
        }

        String label() {
            return String.format(Locale.ROOT, "fleet: %,d devices x %d metrics every %s, %s ticks", devices, metrics,
                    periodMillis % 1000 == 0 ? periodMillis / 1000 + " s" : periodMillis + " ms",
                    synchronised ? "synchronised" : "spread");
        }
    }

    private final Selector selector;
    private final Device[] devices;
    private final Shape shape;
    private final Latencies ackLatency;
    private final AtomicLong ackedInWindow = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean sending;
    private volatile boolean stopped;
    private final Thread loop;
    private final AtomicLong errors = new AtomicLong();
    private volatile String firstError;

    /** Opens every device's connection and waits until each has its welcome. */
    FleetLoad(URI ws, List<String> ids, IntFunction<String> tokens, Shape shape, Latencies ackLatency)
            throws IOException, InterruptedException {
        this.shape = shape;
        this.ackLatency = ackLatency;
        this.selector = Selector.open();
        this.devices = new Device[ids.size()];
        InetSocketAddress server = new InetSocketAddress(ws.getHost(), ws.getPort());
        for (int i = 0; i < devices.length; i++) {
            devices[i] = new Device(i, ids.get(i), tokens.apply(i), server, ws.getHost() + ":" + ws.getPort());
        }
        loop = new Thread(this::run, "fleet-load");
        loop.setDaemon(true);
        loop.start();
        long deadline = System.currentTimeMillis() + CONNECT_WITHIN_MILLIS;
        while (welcomed() < devices.length) {
            if (System.currentTimeMillis() > deadline || firstError != null && welcomed() + errors.get() >= devices.length) {
                throw new IllegalStateException(welcomed() + " of " + devices.length + " fleet devices connected; "
                        + errors.get() + " failed, the first: " + firstError);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Starts the ticks. */
    void startSending() {
        sending = true;
        selector.wakeup();
    }

    void measure(boolean on) {
        measuring = on;
    }

    /** Readings acked while measuring. */
    long ackedWhileMeasuring() {
        return ackedInWindow.get();
    }

    /** Stops sending; what was sent is still acked. */
    void stopSending() {
        sending = false;
    }

    /** Every device has all its readings acked. */
    boolean drained() {
        for (Device device : devices) {
            if (device.acked < device.nextSeq - 1) {
                return false;
            }
        }
        return true;
    }

    String id(int index) {
        return devices[index].id;
    }

    long acked(int index) {
        return devices[index].acked;
    }

    long sent(int index) {
        return devices[index].nextSeq - 1;
    }

    int size() {
        return devices.length;
    }

    /** Connections that failed or were closed by the server, and the first reason. */
    String failures() {
        return errors.get() == 0 ? null : errors.get() + " connection(s) failed or closed; the first: " + firstError;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        selector.wakeup();
        loop.join(30_000);
    }

    private long welcomed() {
        long count = 0;
        for (Device device : devices) {
            if (device.welcomed) {
                count++;
            }
        }
        return count;
    }

    private void run() {
        int nextToOpen = 0;
        int opening = 0;
        long period = TimeUnit.MILLISECONDS.toNanos(shape.periodMillis());
        long periodStart = 0;
        int cursor = 0;
        try {
            while (!stopped) {
                while (nextToOpen < devices.length && opening < OPENING_AT_ONCE) {
                    devices[nextToOpen++].open(selector);
                    opening++;
                }
                long now = System.nanoTime();
                long waitMillis = 100;
                if (sending) {
                    if (periodStart == 0) {
                        periodStart = now;
                    }
                    while (true) {
                        long due = periodStart + (shape.synchronised() ? 0 : period * cursor / devices.length);
                        if (due > now) {
                            waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - now));
                            break;
                        }
                        devices[cursor++].sendReading();
                        if (cursor == devices.length) {
                            cursor = 0;
                            periodStart += period;
                        }
                    }
                }
                selector.select(waitMillis);
                for (SelectionKey key : selector.selectedKeys()) {
                    Device device = (Device) key.attachment();
                    boolean wasWelcomed = device.welcomed;
                    try {
                        device.ready(key);
                    } catch (IOException | RuntimeException e) {
                        device.fail(key, e.toString());
                    }
                    if (!wasWelcomed && (device.welcomed || device.failed)) {
                        opening--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            firstError = "the selector failed: " + e;
        } finally {
            for (Device device : devices) {
                device.shut();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** One device: its socket, what it still has to write, and its stream. */
    private final class Device {
        final int index;
        final String id;
        final String token;
        final InetSocketAddress server;
        final String host;
        SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(4096);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        final long[] sentAt = new long[256];
        boolean upgraded;
        volatile boolean welcomed;
        boolean failed;
        volatile long nextSeq = 1;
        volatile long acked;
        double level;

        Device(int index, String id, String token, InetSocketAddress server, String host) {
            this.index = index;
            this.id = id;
            this.token = token;
            this.server = server;
            this.host = host;
            this.level = ThreadLocalRandom.current().nextDouble(10, 90);
        }

        void open(Selector selector) throws IOException {
            channel = SocketChannel.open();
            channel.bind(new InetSocketAddress("127.0.0." + (2 + index % SOURCE_ADDRESSES), 0));
            channel.configureBlocking(false);
            channel.connect(server);
            channel.register(selector, SelectionKey.OP_CONNECT, this);
        }

        void ready(SelectionKey key) throws IOException {
            if (key.isConnectable() && channel.finishConnect()) {
                String upgrade = "GET /ws/devices/" + id + " HTTP/1.1\r\nHost: " + host
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                        + "\r\nSec-WebSocket-Key: dmlnaWwtZmxlZXQtbG9hZA==\r\nAuthorization: Bearer " + token
                        + "\r\n\r\n";
                out.add(ByteBuffer.wrap(upgrade.getBytes(StandardCharsets.US_ASCII)));
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                flush(key);
            }
            if (key.isValid() && key.isReadable()) {
                if (channel.read(in) < 0) {
                    fail(key, id + ": the server closed the connection");
                    return;
                }
                in.flip();
                if (!upgraded) {
                    readUpgrade();
                }
                if (upgraded) {
                    readFrames(key);
                }
                in.compact();
            }
        }

        private void readUpgrade() {
            String head = StandardCharsets.US_ASCII.decode(in.duplicate()).toString();
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException(id + ": upgrade refused: " + head.lines().findFirst().orElse(""));
            }
            in.position(in.position() + end + 4);
            upgraded = true;
        }

        private void readFrames(SelectionKey key) throws IOException {
            while (in.remaining() >= 2) {
                int start = in.position();
                int first = in.get(start) & 0xFF;
                int second = in.get(start + 1) & 0x7F;
                int header = 2;
                long length = second;
                if (second == 126) {
                    if (in.remaining() < 4) {
                        return;
                    }
                    length = in.getShort(start + 2) & 0xFFFF;
                    header = 4;
                } else if (second == 127) {
                    if (in.remaining() < 10) {
                        return;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if (length > in.capacity() - header) {
                    throw new IllegalStateException(id + ": a " + length + "-byte message from the server");
                }
                if (in.remaining() < header + length) {
                    return;
                }
                byte[] payload = new byte[(int) length];
                in.position(start + header);
                in.get(payload);
                switch (first & 0x0F) {
                    case 0x1 -> message(new String(payload, StandardCharsets.UTF_8));
                    case 0x8 -> {
                        int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                        fail(key, id + ": closed by the server with " + code + " "
                                + new String(payload, Math.min(2, payload.length), Math.max(0, payload.length - 2),
                                StandardCharsets.UTF_8));
                        return;
                    }
                    case 0x9 -> send(0xA, payload);
                    default -> {
                        // pong or continuation: nothing a device needs
                    }
                }
            }
        }

        private void message(String text) {
            if (Messages.isType(text, "ack")) {
                ackUpTo(Messages.longField(text, "\"seq\":"));
            } else if (Messages.isType(text, "welcome")) {
                long lastSeq = Messages.longField(text, "\"lastSeq\":");
                if (lastSeq > 0 && nextSeq == 1) {
                    nextSeq = lastSeq + 1;
                    acked = lastSeq;
                }
                welcomed = true;
            } else if (Messages.isType(text, "rejected")) {
                errors.incrementAndGet();
                if (firstError == null) {
                    firstError = id + ": " + text;
                }
            }
        }

        private void ackUpTo(long seq) {
            long now = System.nanoTime();
            for (long s = acked + 1; s <= seq; s++) {
                if (measuring) {
                    ackLatency.add((now - sentAt[(int) (s & (sentAt.length - 1))]) / 1_000);
                    ackedInWindow.incrementAndGet();
                }
            }
            if (seq > acked) {
                acked = seq;
            }
        }

        void sendReading() {
            if (!welcomed || failed) {
                return;
            }
            long seq = nextSeq;
            if (seq - acked >= sentAt.length) {
                return;  // 256 unacked: the server is far behind; this tick is skipped, not queued
            }
            StringBuilder text = new StringBuilder(64 + 16 * shape.metrics()).append("{\"type\":\"telemetry\",\"seq\":")
                    .append(seq).append(",\"ts\":").append(System.currentTimeMillis() - shape.ageMillis())
                    .append(",\"metrics\":{");
            level += ThreadLocalRandom.current().nextDouble(-0.5, 0.5);
            for (int m = 0; m < shape.metrics(); m++) {
                text.append(m == 0 ? "" : ",").append("\"m").append(m).append("\":")
                        .append(Math.round((level + m) * 100) / 100.0);
            }
            text.append("}}");
            sentAt[(int) (seq & (sentAt.length - 1))] = System.nanoTime();
            nextSeq = seq + 1;
            try {
                send(0x1, text.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                fail(channel.keyFor(selector), e.toString());
            }
        }

        /** Queues one masked frame and writes what the socket takes now. */
        private void send(int opcode, byte[] payload) throws IOException {
            int length = payload.length;
            ByteBuffer frame = ByteBuffer.allocate(length + (length < 126 ? 6 : 8));
            frame.put((byte) (0x80 | opcode));
            if (length < 126) {
                frame.put((byte) (0x80 | length));
            } else {
                frame.put((byte) (0x80 | 126)).putShort((short) length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            frame.flip();
            out.add(frame);
            flush(channel.keyFor(selector));
        }

        private void flush(SelectionKey key) throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer next = out.peek();
                channel.write(next);
                if (next.hasRemaining()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            if (key.isValid()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
        }

        void fail(SelectionKey key, String why) {
            if (failed) {
                return;
            }
            failed = true;
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = why;
            }
            LOG.fine(why);
            if (key != null) {
                key.cancel();
            }
            shut();
        }

        void shut() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
