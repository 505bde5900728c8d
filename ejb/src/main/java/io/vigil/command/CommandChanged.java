package io.vigil.command;

import io.vigil.shared.NumberedEvent;

/** A command was sent ({@code PENDING}) or ended; published after the commit. */
public record CommandChanged(CommandView command, long eventId) implements NumberedEvent {

    /** The event before its transaction commits and gives it its id ({@link io.vigil.shared.AfterCommit}). */
    public static CommandChanged of(CommandView command) {
        return new CommandChanged(command, 0);
    }

    @Override
    public int eventIds() {
        return 1;
    }

    @Override
    public CommandChanged numbered(long firstEventId) {
        return new CommandChanged(command, firstEventId);
    }
}
