package io.vigil.client.sdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The readings a device produced and the server has not yet acknowledged,
 * kept in a directory of their own so that they survive a restart of the
 * device's process.
 *
 * <p>Files: {@code readings.log}, one reading per line (the wire contract's
 * item shape), appended before the reading is sent; {@code outbox.state},
 * replaced atomically, with the seq up to which everything has left the
 * outbox ({@code released}) and whether the server has confirmed this
 * outbox's numbering ({@code confirmed}). The log is rewritten without the
 * released readings once they outnumber the pending ones. A line torn by a
 * crash in the middle of a write is cut off when the outbox is opened: that
 * reading's {@code send} never returned.
 *
 * <p>The seq counter is the highest seq in the log or the released mark,
 * whichever is higher, so it survives a restart. Not thread-safe: its
 * {@link VigilDevice} guards it.
 */
final class Outbox implements AutoCloseable {

    private static final String LOG = "readings.log";
    private static final String STATE = "outbox.state";
    /** Rewrite the log once it holds at least this many released readings (and more released than pending). */
    private static final int COMPACT_AFTER = 10_000;

    private final Path directory;
    private final int capacity;
    private final OutboxFullPolicy policy;
    private final boolean syncWrites;
    private final TreeMap<Long, Reading> pending = new TreeMap<>();
    private FileChannel log;
    private long highestSeq;
    private long released;
    /** The server's welcome has been seen with this outbox's numbering (see {@link #serverLastSeq}). */
    private boolean confirmed;
    private int releasedInLog;
    private long dropped;
    private long lastDropped;

    private Outbox(Path directory, int capacity, OutboxFullPolicy policy, boolean syncWrites) {
        this.directory = directory;
        this.capacity = capacity;
        this.policy = policy;
        this.syncWrites = syncWrites;
    }

    /** Opens (or creates) the outbox in {@code directory}, keeping every reading not yet released. */
    static Outbox open(Path directory, int capacity, OutboxFullPolicy policy, boolean syncWrites) throws IOException {
        Files.createDirectories(directory);
        Outbox outbox = new Outbox(directory, capacity, policy, syncWrites);
        outbox.load();
        return outbox;
    }

    private void load() throws IOException {
        Path state = directory.resolve(STATE);
        if (Files.exists(state)) {
            Properties properties = new Properties();
            try (BufferedReader reader = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            released = Long.parseLong(properties.getProperty("released", "0"));
            confirmed = Boolean.parseBoolean(properties.getProperty("confirmed", "false"));
        }
        highestSeq = released;
        Path file = directory.resolve(LOG);
        long goodBytes = 0;
        if (Files.exists(file)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    Reading reading = WireFormat.parseLine(line);
                    if (reading == null) {
                        break; // torn by a crash mid-write: this and anything after it was never acknowledged to the caller
                    }
                    goodBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                    highestSeq = Math.max(highestSeq, reading.seq());
                    if (reading.seq() > released) {
                        pending.put(reading.seq(), reading);
                    } else {
                        releasedInLog++;
                    }
                }
            }
        }
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        log.truncate(goodBytes);
        log.position(goodBytes);
        if (releasedInLog > 0) {
            compact();
        }
    }

    /**
     * Gives the metrics the next seq and writes them to the log; returns the
     * stored reading. When the outbox is full, either throws
     * {@link OutboxFullException} or first discards the oldest reading, by its policy.
     */
    Reading append(long ts, Map<String, Double> metrics) throws IOException {
        if (pending.size() >= capacity) {
            if (policy == OutboxFullPolicy.REJECT_NEW) {
                throw new OutboxFullException("the outbox holds " + pending.size()
                        + " unacknowledged readings (its limit); the reading was not kept");
            }
            Map.Entry<Long, Reading> oldest = pending.pollFirstEntry();
            lastDropped = oldest.getKey();
            released = Math.max(released, lastDropped);
            releasedInLog++;
            dropped++;
        }
        if (highestSeq >= WireFormat.MAX_SEQ) {
            throw new IllegalStateException("seq would pass 2^53-1; this device id has used up its numbering");
        }
        Reading reading = new Reading(highestSeq + 1, ts, metrics);
        write(log, reading);
        if (syncWrites) {
            log.force(false);
        }
        highestSeq = reading.seq();
        pending.put(reading.seq(), reading);
        return reading;
    }

    /** Everything up to {@code seq} has been stored by the server; returns how many pending readings that released. */
    int release(long seq) throws IOException {
        if (seq <= released) {
            return 0;
        }
        int before = pending.size();
        pending.headMap(seq, true).clear();
        int removed = before - pending.size();
        released = seq;
        releasedInLog += removed;
        if (releasedInLog >= COMPACT_AFTER && releasedInLog > pending.size()) {
            compact();
        }
        return removed;
    }

    /**
     * The server's welcome: it has stored this device's readings up to
     * {@code lastSeq}. Normally that releases them. An outbox the server has
     * never confirmed (a new installation, or its directory was lost) whose
     * first seqs the server already holds from an earlier life of the device
     * id would have its readings taken for duplicates and never stored, so
     * they are renumbered after {@code lastSeq} instead. Returns how many
     * readings were released.
     */
    int serverLastSeq(long lastSeq) throws IOException {
        int removed = 0;
        if (!confirmed && !pending.isEmpty() && pending.firstKey() <= lastSeq) {
            List<Reading> renumbered = new ArrayList<>(pending.size());
            long next = lastSeq;
            for (Reading reading : pending.values()) {
                renumbered.add(reading.withSeq(++next));
            }
            pending.clear();
            renumbered.forEach(r -> pending.put(r.seq(), r));
            highestSeq = next;
            released = lastSeq;
            confirmed = true;
            compact();
        } else {
            removed = release(lastSeq);
        }
        highestSeq = Math.max(highestSeq, lastSeq);
        if (!confirmed) {
            confirmed = true;
            writeState();
        }
        return removed;
    }

    /** Up to {@code max} pending readings with a seq above {@code seq}, in seq order. */
    List<Reading> after(long seq, int max) {
        List<Reading> readings = new ArrayList<>(Math.min(max, pending.size()));
        Iterator<Reading> it = pending.tailMap(seq, false).values().iterator();
        while (it.hasNext() && readings.size() < max) {
            readings.add(it.next());
        }
        return readings;
    }

    int size() {
        return pending.size();
    }

    long highestSeq() {
        return highestSeq;
    }

    long released() {
        return released;
    }

    long dropped() {
        return dropped;
    }

    long lastDropped() {
        return lastDropped;
    }

    /** Writes the pending readings to a new log and swaps it in; the state first, so the seq counter never goes back. */
    private void compact() throws IOException {
        writeState();
        Path fresh = directory.resolve(LOG + ".new");
        try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Reading reading : pending.values()) {
                write(out, reading);
            }
            out.force(true);
        }
        log.close();
        Files.move(fresh, directory.resolve(LOG), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log = FileChannel.open(directory.resolve(LOG), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        releasedInLog = 0;
    }

    private void writeState() throws IOException {
        Path fresh = directory.resolve(STATE + ".new");
        String text = "# Vigil device outbox: every reading up to 'released' has left the outbox\n"
                + "released=" + released + "\nconfirmed=" + confirmed + "\n";
        try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(fresh, directory.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(FileChannel channel, Reading reading) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((WireFormat.line(reading) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Records how far the outbox got, so the next open re-reads as little as possible. */
    @Override
    public void close() {
        try {
            writeState();
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
