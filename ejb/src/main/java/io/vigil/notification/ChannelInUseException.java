package io.vigil.notification;

import jakarta.ejb.ApplicationException;

/** A channel that routes still name cannot be deleted (409): remove it from them first. */
@ApplicationException(rollback = true)
public class ChannelInUseException extends RuntimeException {

    public ChannelInUseException(long channelId, String routes) {
        super("channel " + channelId + " is used by route(s) " + routes + "; remove it from them first");
    }
}
