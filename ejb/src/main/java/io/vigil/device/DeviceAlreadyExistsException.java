package io.vigil.device;

import jakarta.ejb.ApplicationException;

/** Registration of an id that is taken. */
@ApplicationException(rollback = true)
public class DeviceAlreadyExistsException extends RuntimeException {

    public DeviceAlreadyExistsException(String id) {
        super("device '" + id + "' is already registered");
    }
}
