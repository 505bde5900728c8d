package io.vigil.device;

import jakarta.ejb.ApplicationException;

/** A request names a device that is not registered. */
@ApplicationException(rollback = true)
public class UnknownDeviceException extends RuntimeException {

    public UnknownDeviceException(String id) {
        super("no device '" + id + "'");
    }
}
