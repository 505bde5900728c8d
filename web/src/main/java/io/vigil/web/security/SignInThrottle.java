package io.vigil.web.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Failed sign-ins slow down whoever fails, never the operator who does not:
 * no account is ever locked. What is throttled is the pair of a name and the
 * client address it is tried from (after {@link #FREE_PER_PAIR} failures), and
 * an address that fails across many names (after {@link #FREE_PER_ADDRESS}):
 * (names that signed in from that address before are not held back by the
 * address's failures, so a shared address full of guessing does not keep
 * its known operators out), each further failure doubles the wait before the
 * next try is checked at all
 * (1 s, 2 s, 4 s, ... at most {@link #MAX_WAIT_MILLIS}), and a try within the
 * wait is answered at once, without a password check (429 with
 * {@code Retry-After}), so a throttled guesser costs the server next to
 * nothing. The right password from an address that has not been failing
 * always works. Failures are forgotten {@link #FORGET_AFTER_MILLIS} after the
 * last one, and a sign-in that succeeds clears its pair. Memory is bounded:
 * at most {@link #MAX_ENTRIES} pairs and as many addresses are remembered,
 * the quietest forgotten first. Thread-safe.
 *
 * <p>It serves the login form and HTTP Basic alike ({@link SignInGate}), in
 * place of Elytron's realm brute-force protection, which locks a name for
 * everyone and so lets anyone lock the operators out ({@code configure.cli}
 * turns it off).
 */
public final class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    static final int FREE_PER_PAIR = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final long FIRST_WAIT_MILLIS = 1_000;
    static final long MAX_WAIT_MILLIS = 5 * 60_000;
    static final long FORGET_AFTER_MILLIS = 15 * 60_000;
    static final int MAX_ENTRIES = 10_000;

    /** A name and address, or an address alone, that is waiting now. */
    public record Throttled(String username, String address, int failures, long retryAfterMillis) {
    }

    private static final class Failures {
        int count;
        long lastAt;
        long waitUntil;
    }

    private final Map<String, Failures> pairs = bounded();
    private final Map<String, Failures> addresses = bounded();
    /** Name and address pairs that signed in, and when last. */
    private final Map<String, Long> known = bounded();

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    private static String pair(String username, String address) {
        return address + " " + username;
    }

    /** How long a try of {@code username} from {@code address} must wait before it is checked; 0: check it now. */
    public synchronized long waitMillis(String username, String address, long now) {
        String pair = pair(username, address);
        long pairWait = wait(pairs.get(pair), now);
        Long signedInAt = known.get(pair);
        boolean knownHere = signedInAt != null && now - signedInAt < FORGET_AFTER_MILLIS;
        return knownHere ? pairWait : Math.max(pairWait, wait(addresses.get(address), now));
    }

    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder held = new java.util.concurrent.atomic.LongAdder();

    /** Failed sign-ins checked since start ({@code vigil_signin_failures_total}). */
    public long failures() {
        return failures.sum();
    }

    /** Tries answered 429 without a check since start ({@code vigil_signin_throttled_total}). */
    public long heldBack() {
        return held.sum();
    }

    /** A try was answered with its wait instead of being checked. */
    void refused() {
        held.increment();
    }

    /** A try of {@code username} from {@code address} had the wrong password. */
    public synchronized void failed(String username, String address, long now) {
        failures.increment();
        long pairWait = count(pairs, pair(username, address), FREE_PER_PAIR, now);
        long addressWait = count(addresses, address, FREE_PER_ADDRESS, now);
        if (pairWait > 0 || addressWait > 0) {
            // One line per checked failure past the free ones (throttled tries are not checked), so a few a minute.
            LOG.info(() -> "Failed sign-in of '" + printable(username) + "' from " + address + ": its next try from there is"
                    + " checked in " + Math.max(pairWait, addressWait) / 1000 + " s"
                    + (addressWait > pairWait ? " (the address failed across many names)" : ""));
        }
    }

    /** {@code username} signed in from {@code address}: its earlier failures there no longer count. */
    public synchronized void succeeded(String username, String address, long now) {
        String pair = pair(username, address);
        pairs.remove(pair);
        known.put(pair, now);
    }

    /** Everyone waiting now, longest wait first (for operators to see). */
    public synchronized List<Throttled> throttled(long now) {
        List<Throttled> waiting = new ArrayList<>();
        pairs.forEach((key, f) -> {
            if (f.waitUntil > now) {
                int space = key.indexOf(' ');
                waiting.add(new Throttled(key.substring(space + 1), key.substring(0, space), f.count, f.waitUntil - now));
            }
        });
        addresses.forEach((address, f) -> {
            if (f.waitUntil > now) {
                waiting.add(new Throttled(null, address, f.count, f.waitUntil - now));
            }
        });
        waiting.sort(Comparator.comparingLong(Throttled::retryAfterMillis).reversed());
        return waiting;
    }

    private static long wait(Failures failures, long now) {
        if (failures == null || now - failures.lastAt >= FORGET_AFTER_MILLIS) {
            return 0;
        }
        return Math.max(0, failures.waitUntil - now);
    }

    /** A name as a log line may show it: printable ASCII, at most 64 characters (names come from anyone). */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < name.length() && shown.length() < 64; i++) {
            char c = name.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return shown.toString();
    }

    /** Counts a failure; answers the wait it sets, 0 while it is among the free ones. */
    private static long count(Map<String, Failures> map, String key, int free, long now) {
        Failures failures = map.get(key);
        if (failures == null || now - failures.lastAt >= FORGET_AFTER_MILLIS) {
            failures = new Failures();
            map.put(key, failures);
        }
        failures.count++;
        failures.lastAt = now;
        int over = failures.count - free;
        if (over <= 0) {
            return 0;
        }
        long wait = Math.min(FIRST_WAIT_MILLIS << Math.min(over - 1, 20), MAX_WAIT_MILLIS);
        failures.waitUntil = now + wait;
        return wait;
    }
}
