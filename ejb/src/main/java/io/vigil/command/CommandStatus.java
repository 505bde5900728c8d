package io.vigil.command;

/** Where an operator's command stands. */
public enum CommandStatus {
    /** Sent to the device, no answer yet. */
    PENDING,
    /** The device answered {@code ok}. */
    OK,
    /** The device answered {@code error}, or the command could not be delivered (device offline, connection lost). */
    ERROR,
    /** No answer within {@code vigil.command.timeoutSeconds}. */
    TIMEOUT;

    /** The wire contract's status: {@code ok} or {@code error} (a timeout is an error with {@code result.error = "timeout"}). */
    public String wireStatus() {
        return this == OK ? "ok" : this == PENDING ? "pending" : "error";
    }
}
