package io.vigil.web.monitor;

/**
 * How a {@code resume} is answered; every one is. Decided from the id the
 * monitor says it saw last, the snapshot its connection started from, the
 * last id the database has handed out (on any node) and the replay log.
 */
enum ResumePlan {
    /** The monitor has everything up to its snapshot or later; what follows comes live. */
    UP_TO_DATE,
    /** The missed events are re-sent from the replay log. */
    REPLAY,
    /**
     * The id cannot be served: ahead of every id issued (a restored or reset
     * database, another installation, a bug), or older than the replay log.
     * The monitor gets a fresh snapshot and replaces what it shows.
     */
    SNAPSHOT;

    /**
     * @param lastEventId the id the monitor says it saw last
     * @param snapshotAt  the eventId of the last snapshot this connection got
     * @param lastIssued  the last id handed out by the database's counter
     * @param replayable  whether the replay log still holds every event after {@code lastEventId}
     */
    static ResumePlan of(long lastEventId, long snapshotAt, long lastIssued, boolean replayable) {
        if (lastEventId > lastIssued) {
            return SNAPSHOT;
        }
        if (lastEventId >= snapshotAt) {
            return UP_TO_DATE;
        }
        return replayable ? REPLAY : SNAPSHOT;
    }
}
