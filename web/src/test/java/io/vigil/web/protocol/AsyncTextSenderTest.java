package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncTextSenderTest {

    private static final int LIMIT = 32;

    /** An outbox of plain strings, as producers on any thread fill it. */
    private static final class Queue implements Outbox {
        final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();

        @Override
        public String poll() {
            return texts.poll();
        }

        @Override
        public boolean isEmpty() {
            return texts.isEmpty();
        }
    }

    /** A session whose sends wait on the "wire" until the test (or a stand-in I/O thread) completes them. */
    private static final class Wire {
        final List<String> sent = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        final List<Long> pings = new ArrayList<>();
        /** What the sender asked of the remote endpoint, in order. */
        final List<String> calls = new ArrayList<>();
        boolean completeAtOnce;
        ExecutorService ioThread;
        final Session session;

        Wire() {
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "sendText" -> {
                            send((String) args[0], (SendHandler) args[1]);
                            yield null;
                        }
                        case "sendPing" -> {
                            synchronized (this) {
                                pings.add(((ByteBuffer) args[0]).getLong(0));
                            }
                            yield null;
                        }
                        case "setBatchingAllowed" -> {
                            record("batching " + args[0]);
                            yield null;
                        }
                        case "flushBatch" -> {
                            record("flush");
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isOpen" -> true;
                        case "getAsyncRemote" -> remote;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private synchronized void record(String call) {
            calls.add(call);
        }

        private void send(String text, SendHandler done) {
            synchronized (this) {
                sent.add(text);
                calls.add("send " + text);
                if (!completeAtOnce && ioThread == null) {
                    pending.add(done);
                    return;
                }
            }
            if (ioThread != null) {
                ioThread.execute(() -> done.onResult(new SendResult()));
            } else {
                done.onResult(new SendResult());
            }
        }

        /** Completes the oldest outstanding send, as the I/O thread does once the frame is written. */
        void completeOldest(SendResult result) {
            SendHandler done;
            synchronized (this) {
                done = pending.remove(0);
            }
            done.onResult(result);
        }

        synchronized int outstanding() {
            return pending.size();
        }
    }

    private static List<String> numbered(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("m" + i);
        }
        return texts;
    }

    @Test
    void keepsUpToTheLimitOutstandingInOrderAndSendsTheNextAsEachCompletes() {
        Wire wire = new Wire();
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, null, LIMIT);
        int total = LIMIT + 10;
        outbox.texts.addAll(numbered(total));

        sender.wake();

        assertEquals(numbered(LIMIT), wire.sent, "the first frames go out without waiting");
        assertEquals(10, outbox.texts.size(), "the rest waits in the outbox, where it can still be conflated");
        wire.completeOldest(new SendResult());
        assertEquals(LIMIT + 1, wire.sent.size(), "a completion makes room for one more");
        while (wire.outstanding() > 0) {
            wire.completeOldest(new SendResult());
        }
        assertEquals(numbered(total), wire.sent);
        assertTrue(outbox.isEmpty());
    }

    @Test
    void framesQueuedTogetherAreFlushedOnceWithBatchingOffAgainBeforeTheFlush() {
        Wire wire = new Wire();
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, null, LIMIT);
        outbox.texts.addAll(numbered(3));

        sender.wake();

        assertEquals(List.of("batching true", "send m0", "send m1", "send m2", "batching false", "flush"), wire.calls);
        wire.calls.clear();
        outbox.texts.add("m3");
        wire.completeOldest(new SendResult());
        assertEquals(List.of("batching true", "send m3", "batching false", "flush"), wire.calls,
                "a completion sends what waits the same way");
    }

    @Test
    void oneAtATimeLeavesTheRestInTheOutboxUntilTheSendCompletes() {
        Wire wire = new Wire();
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { });
        outbox.texts.addAll(numbered(3));

        sender.wake();
        sender.wake();

        assertEquals(List.of("m0"), wire.sent, "where the outbox coalesces, what waits stays there");
        assertEquals(List.of("send m0"), wire.calls, "and no batching: each frame is flushed as it is sent");
        wire.completeOldest(new SendResult());
        assertEquals(List.of("m0", "m1"), wire.sent);
    }

    @Test
    void sendsThatCompleteAtOnceDoNotRecurse() {
        Wire wire = new Wire();
        wire.completeAtOnce = true;
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, null, LIMIT);
        outbox.texts.addAll(numbered(200_000));

        sender.wake(); // a completion that recursed into the next send would overflow the stack long before this

        assertEquals(200_000, wire.sent.size());
        assertEquals("m199999", wire.sent.get(199_999));
    }

    @Test
    void messagesFromManyProducersGoOutOnceEachAndInEachProducersOrder() throws Exception {
        Wire wire = new Wire();
        wire.ioThread = Executors.newSingleThreadExecutor();
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, null, LIMIT);
        int producers = 4;
        int each = 20_000;
        ExecutorService threads = Executors.newFixedThreadPool(producers);
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.execute(() -> {
                for (int i = 0; i < each; i++) {
                    outbox.texts.add(producer + ":" + i);
                    sender.wake();
                }
            });
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            synchronized (wire) {
                if (wire.sent.size() == producers * each) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        wire.ioThread.shutdown();
        assertTrue(wire.ioThread.awaitTermination(10, TimeUnit.SECONDS));

        assertEquals(producers * each, wire.sent.size(), "every message sent once, none left behind");
        int[] next = new int[producers];
        for (String text : wire.sent) {
            int producer = Integer.parseInt(text.substring(0, text.indexOf(':')));
            assertEquals(next[producer]++, Integer.parseInt(text.substring(text.indexOf(':') + 1)), text);
        }
        assertEquals(0, sender.inFlightMillis(System.currentTimeMillis()), "nothing outstanding at the end");
    }

    @Test
    void aFailedSendIsReportedAndTheOthersStillComplete() {
        Wire wire = new Wire();
        Queue outbox = new Queue();
        List<Throwable> failures = new ArrayList<>();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, failures::add, null, LIMIT);
        outbox.texts.addAll(numbered(3));
        sender.wake();

        IOException broken = new IOException("connection reset");
        wire.completeOldest(new SendResult(broken));
        wire.completeOldest(new SendResult());
        wire.completeOldest(new SendResult());

        assertEquals(List.of(broken), failures);
        assertEquals(0, sender.inFlightMillis(System.currentTimeMillis()));
    }

    @Test
    void theWaitForThePeerCountsFromTheLastCompletion() {
        Wire wire = new Wire();
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, null, LIMIT);
        assertEquals(0, sender.inFlightMillis(System.currentTimeMillis()), "idle: not waiting");
        long before = System.currentTimeMillis();
        outbox.texts.addAll(numbered(2));
        sender.wake();
        assertTrue(sender.inFlightMillis(before + 10_000) > 9_000, "two sends outstanding since the wake");

        awaitClockPast(before + 20);
        wire.completeOldest(new SendResult());
        assertTrue(sender.inFlightMillis(before + 10_000) <= 10_000 - 20, "one completed: the wait starts again");
        wire.completeOldest(new SendResult());
        assertEquals(0, sender.inFlightMillis(before + 10_000), "none outstanding");
    }

    /** Lets the wall clock pass {@code millis}: polling with a deadline, as the conventions ask. */
    private static void awaitClockPast(long millis) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.currentTimeMillis() <= millis && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(System.currentTimeMillis() > millis, "the clock did not move");
    }

    @Test
    void aFullWindowPausesSendingUntilThePeerAnswersThePing() {
        Wire wire = new Wire();
        wire.completeAtOnce = true;
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, new FlowWindow(100), LIMIT);
        for (int i = 0; i < 20; i++) {
            outbox.texts.add("x".repeat(10));
        }

        sender.wake();

        assertEquals(10, wire.sent.size(), "100 characters fill the window");
        assertEquals(1, wire.pings.size(), "a ping asks the peer to confirm what it read");
        sender.pong(wire.pings.get(0));
        assertTrue(wire.sent.size() > 10, "the pong reopens the window");
        for (int answered = 1; answered < wire.pings.size(); answered++) {
            sender.pong(wire.pings.get(answered));
        }
        assertEquals(20, wire.sent.size(), "answered pings let everything out");
    }

    @Test
    void wakesFromManyThreadsAtOnceStartOnePump() throws Exception {
        Wire wire = new Wire();
        Queue outbox = new Queue();
        AsyncTextSender sender = new AsyncTextSender(wire.session, outbox, e -> { }, null, LIMIT);
        outbox.texts.addAll(numbered(LIMIT * 4));
        AtomicInteger started = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            threads.execute(() -> {
                started.incrementAndGet();
                sender.wake();
            });
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));

        assertEquals(8, started.get());
        assertEquals(numbered(LIMIT), wire.sent, "never more than the limit outstanding");
    }
}
