package io.vigil.web.monitor;

/**
 * What follows when event ids are given up (a cluster node died before
 * publishing them, or the bus dropped them): a warning at most once a
 * minute, and a fresh snapshot for every monitor once ids have come in order
 * again for {@link #RESYNC_AFTER_MILLIS}, since the events behind those ids
 * may have changed what the pages show. Not thread-safe: the hub guards it.
 */
final class GapRecovery {

    /** How long after the last ids were given up monitors get a fresh snapshot (the bus flows again by then). */
    static final long RESYNC_AFTER_MILLIS = 5_000;
    private static final long WARN_EVERY_MILLIS = 60_000;

    /** When ids were last given up, -1 if not since the last fresh snapshot. */
    private long gaveUpAt = -1;
    private long warnedAt = Long.MIN_VALUE / 2;

    /** Ids were given up now ({@code skipped} of them, maybe 0); true when this deserves a warning. */
    boolean gaveUp(long skipped, long now) {
        if (skipped <= 0) {
            return false;
        }
        gaveUpAt = now;
        if (now - warnedAt >= WARN_EVERY_MILLIS) {
            warnedAt = now;
            return true;
        }
        return false;
    }

    /** True (once) when monitors are due a fresh snapshot after ids were given up. */
    boolean resyncDue(long now) {
        if (gaveUpAt >= 0 && now - gaveUpAt >= RESYNC_AFTER_MILLIS) {
            gaveUpAt = -1;
            return true;
        }
        return false;
    }
}
