package io.vigil.notification;

/**
 * An attempt at a delivery that did not reach its receiver. {@code permanent}
 * when trying again cannot help (the receiver refused the message itself, the
 * URL is no longer allowed); such a message is marked failed at once instead
 * of holding the channel's later messages behind its retries.
 */
public class DeliveryFailure extends Exception {

    private final boolean permanent;

    public DeliveryFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
