package io.vigil.shared;

/**
 * An event that monitors see. When its transaction commits it takes
 * {@link #eventIds()} consecutive event ids ({@link EventIds}), the same on
 * every node of a cluster; {@link AfterCommit} hands the listeners the copy
 * made by {@link #numbered}.
 */
public interface NumberedEvent {

    /** How many event ids it takes: one per reading for readings, one for anything else. */
    int eventIds();

    /** This event carrying its ids, the first of them {@code firstEventId}. */
    NumberedEvent numbered(long firstEventId);
}
