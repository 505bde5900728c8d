package io.vigil.client.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final Map<String, Double> METRICS = Map.of("temperature", 21.5);

    @TempDir
    Path dir;

    private Outbox open() throws IOException {
        return Outbox.open(dir, 1_000, OutboxFullPolicy.REJECT_NEW, true);
    }

    @Test
    void seqCounterAndUnackedReadingsSurviveAReopen() throws IOException {
        try (Outbox outbox = open()) {
            for (int i = 0; i < 10; i++) {
                outbox.append(1000 + i, METRICS);
            }
            outbox.release(4);
        }
        try (Outbox outbox = open()) {
            assertEquals(6, outbox.size());
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), outbox.after(0, 100).stream().map(Reading::seq).toList());
            assertEquals(11, outbox.append(2000, METRICS).seq());
        }
    }

    @Test
    void counterKeepsGoingWhenEverythingWasReleasedAndCompacted() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 1_000, OutboxFullPolicy.REJECT_NEW, false)) {
            for (int i = 0; i < 25_000; i++) {
                outbox.release(outbox.append(i, METRICS).seq());
            }
        }
        assertTrue(Files.size(dir.resolve("readings.log")) < 1_000_000, "released readings were compacted away");
        try (Outbox outbox = open()) {
            assertEquals(0, outbox.size());
            assertEquals(25_001, outbox.append(1, METRICS).seq());
        }
    }

    @Test
    void aLineTornByACrashIsCutOffAndItsSeqReused() throws IOException {
        try (Outbox outbox = open()) {
            outbox.append(1, METRICS);
            outbox.append(2, METRICS);
        }
        Files.writeString(dir.resolve("readings.log"), "{\"seq\":3,\"ts\":3,\"metr", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Outbox outbox = open()) {
            assertEquals(2, outbox.size());
            assertEquals(3, outbox.append(4, METRICS).seq());
        }
        try (Outbox outbox = open()) {
            assertEquals(List.of(1L, 2L, 3L), outbox.after(0, 10).stream().map(Reading::seq).toList());
        }
    }

    @Test
    void welcomeReleasesWhatTheServerHasStored() throws IOException {
        try (Outbox outbox = open()) {
            for (int i = 0; i < 5; i++) {
                outbox.append(i, METRICS);
            }
            outbox.serverLastSeq(0);
            assertEquals(3, outbox.serverLastSeq(3));
            assertEquals(List.of(4L, 5L), outbox.after(0, 10).stream().map(Reading::seq).toList());
        }
    }

    @Test
    void aNewOutboxWhoseSeqsTheServerAlreadyHoldsIsRenumberedAfterThem() throws IOException {
        try (Outbox outbox = open()) {
            outbox.append(1, METRICS);
            outbox.append(2, METRICS);
            outbox.serverLastSeq(500);
            assertEquals(List.of(501L, 502L), outbox.after(0, 10).stream().map(Reading::seq).toList());
            assertEquals(503, outbox.append(3, METRICS).seq());
        }
        try (Outbox outbox = open()) {
            assertEquals(List.of(501L, 502L, 503L), outbox.after(0, 10).stream().map(Reading::seq).toList());
            assertEquals(1, outbox.serverLastSeq(501), "a confirmed outbox is never renumbered again");
        }
    }

    @Test
    void aServerAheadOfAnEmptyOutboxMovesTheCounterPastIt() throws IOException {
        try (Outbox outbox = open()) {
            outbox.serverLastSeq(41);
            assertEquals(42, outbox.append(1, METRICS).seq());
        }
    }

    @Test
    void fullOutboxRefusesNewReadingsByDefault() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 3, OutboxFullPolicy.REJECT_NEW, false)) {
            for (int i = 0; i < 3; i++) {
                outbox.append(i, METRICS);
            }
            assertThrows(OutboxFullException.class, () -> outbox.append(9, METRICS));
            assertEquals(3, outbox.size());
            outbox.release(1);
            assertEquals(4, outbox.append(9, METRICS).seq());
        }
    }

    @Test
    void fullOutboxDropsTheOldestWhenAskedTo() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 3, OutboxFullPolicy.DROP_OLDEST, false)) {
            for (int i = 0; i < 5; i++) {
                outbox.append(i, METRICS);
            }
            assertEquals(2, outbox.dropped());
            assertEquals(List.of(3L, 4L, 5L), outbox.after(0, 10).stream().map(Reading::seq).toList());
        }
        try (Outbox outbox = Outbox.open(dir, 3, OutboxFullPolicy.DROP_OLDEST, false)) {
            assertEquals(List.of(3L, 4L, 5L), outbox.after(0, 10).stream().map(Reading::seq).toList());
        }
    }
}
