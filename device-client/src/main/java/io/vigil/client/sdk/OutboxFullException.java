package io.vigil.client.sdk;

/**
 * The outbox holds its maximum of unacknowledged readings and its policy is
 * {@link OutboxFullPolicy#REJECT_NEW}: the reading was not kept. The device
 * has been unable to reach the server for a long time, or the server is
 * refusing its readings; the embedding code decides what to do (sample less
 * often, alarm locally).
 */
public class OutboxFullException extends RuntimeException {

    public OutboxFullException(String message) {
        super(message);
    }
}
